import type { Knex } from 'knex';

/**
 * Issue 17: a command of the engine-command outbox ends, with what its end records on the dossier, in one call
 * (engine-commands.repository.ts `endCommand`): the command marked, the dossier locked (or linked to its process),
 * its status changed where the command says so, the timeline's event appended. It was a transaction of five or
 * six round trips; each statement here still sees what committed before it (read committed), so the event is
 * chained after the last one appended under the dossier's lock.
 *
 * p_follow (null: the command alone): { link?: process instance id (the event only when linked now),
 * change?: { from, to } (made when the locked dossier is in `from`), event: { type, actorId, actorName, step,
 * statusFrom, statusTo, data, at, prefix, suffix, changedSuffix } } where prefix and suffix are the event's
 * canonical text around its seq (timeline.repository.ts `newEventRow`), changedSuffix the same with the change's
 * statuses. The genesis hash is timeline.repository.ts's GENESIS.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function motcua_engine_command_end(p_id uuid, p_state text, p_outcome text, p_error text, p_follow jsonb)
    returns setof engine_commands language plpgsql as $$
    declare
      ended engine_commands;
      e jsonb := p_follow->'event';
      current_status smallint;
      changed boolean := false;
      last_seq integer;
      last_hash text;
      next_seq integer;
      prev text;
    begin
      update engine_commands
         set state = p_state, outcome = p_outcome, last_error = p_error, done_at = now(), lease_until = null
       where id = p_id and state = 'pending'
      returning * into ended;
      if not found then return; end if;
      return next ended;
      if p_follow is null then return; end if;
      if p_follow->>'link' is not null then
        update dossiers set process_instance_id = p_follow->>'link', updated_at = now()
         where id = ended.dossier_id and process_instance_id is null;
        if not found then return; end if;
      else
        select status into current_status from dossiers where id = ended.dossier_id for update;
        if not found then return; end if;
        if p_follow->'change' is not null and current_status = (p_follow#>>'{change,from}')::smallint then
          update dossiers set status = (p_follow#>>'{change,to}')::smallint, updated_at = now() where id = ended.dossier_id;
          changed := true;
        end if;
      end if;
      select seq, hash into last_seq, last_hash from dossier_events where dossier_id = ended.dossier_id order by seq desc limit 1;
      next_seq := coalesce(last_seq, 0) + 1;
      prev := coalesce(last_hash, repeat('0', 64));
      insert into dossier_events (dossier_id, seq, type, actor_id, actor_name, step, status_from, status_to, data, at, prev_hash, hash)
      values (ended.dossier_id, next_seq, e->>'type', (e->>'actorId')::uuid, e->>'actorName', e->>'step',
              case when changed then (p_follow#>>'{change,from}')::smallint else (e->>'statusFrom')::smallint end,
              case when changed then (p_follow#>>'{change,to}')::smallint else (e->>'statusTo')::smallint end,
              e->'data', (e->>'at')::timestamptz, prev,
              encode(sha256(convert_to(prev || (e->>'prefix') || next_seq::text || (case when changed then e->>'changedSuffix' else e->>'suffix' end), 'UTF8')), 'hex'));
    end $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists motcua_engine_command_end(uuid, text, text, text, jsonb)');
}
