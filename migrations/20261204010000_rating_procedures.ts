import type { Knex } from 'knex';

/**
 * A rating carries its dossier's procedure as well as its unit, so the satisfaction of a unit's procedures is read
 * from its own ratings without fetching every rated dossier. Filled by the database for whatever writes a rating.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dossier_ratings', (t) => {
    t.uuid('procedure_id').comment("the dossier's procedure");
  });
  await knex.raw(`update dossier_ratings r set procedure_id = v.procedure_id
    from dossiers d join procedure_versions v on v.id = d.procedure_version_id where d.id = r.dossier_id`);
  await knex.raw('alter table dossier_ratings alter column procedure_id set not null');
  // (every row rewritten: the planner's statistics afresh, or it walks the whole city's ratings of a period)
  await knex.raw('analyze dossier_ratings');
  await knex.raw(`create or replace function motcua_rating_unit() returns trigger language plpgsql as $$
    begin
      if new.org_unit_id is null or new.procedure_id is null then
        select coalesce(new.org_unit_id, d.org_unit_id), v.procedure_id into new.org_unit_id, new.procedure_id
        from dossiers d join procedure_versions v on v.id = d.procedure_version_id where d.id = new.dossier_id;
      end if;
      return new;
    end $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`create or replace function motcua_rating_unit() returns trigger language plpgsql as $$
    begin
      if new.org_unit_id is null then
        select d.org_unit_id into new.org_unit_id from dossiers d where d.id = new.dossier_id;
      end if;
      return new;
    end $$`);
  await knex.schema.alterTable('dossier_ratings', (t) => {
    t.dropColumn('procedure_id');
  });
}
