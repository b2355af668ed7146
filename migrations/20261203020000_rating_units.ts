import type { Knex } from 'knex';

/**
 * A rating carries the unit of its dossier (the unit that received it, when it was rated), so a unit's
 * satisfaction in a period is read from its own ratings by an index instead of joining every rating of the city
 * to its dossier first. Filled by the database for whatever writes a rating.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dossier_ratings', (t) => {
    t.uuid('org_unit_id').comment("the dossier's receiving unit when it was rated");
  });
  await knex.raw('update dossier_ratings r set org_unit_id = d.org_unit_id from dossiers d where d.id = r.dossier_id');
  await knex.raw('alter table dossier_ratings alter column org_unit_id set not null');
  await knex.raw(`create function motcua_rating_unit() returns trigger language plpgsql as $$
    begin
      if new.org_unit_id is null then
        select d.org_unit_id into new.org_unit_id from dossiers d where d.id = new.dossier_id;
      end if;
      return new;
    end $$`);
  await knex.raw('create trigger dossier_ratings_unit before insert on dossier_ratings for each row execute function motcua_rating_unit()');
  await knex.raw('create index dossier_ratings_unit_rated_at on dossier_ratings (org_unit_id, rated_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists dossier_ratings_unit on dossier_ratings');
  await knex.raw('drop function if exists motcua_rating_unit()');
  await knex.schema.alterTable('dossier_ratings', (t) => {
    t.dropColumn('org_unit_id');
  });
}
