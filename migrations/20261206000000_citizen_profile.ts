import type { Knex } from 'knex';

/**
 * A citizen's profile (issue 16): the date of birth and permanent residence they keep in their account, besides
 * the name, phone and email it has, so that an application starts with them filled in.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.date('date_of_birth').comment("The holder's date of birth, as they gave it in their profile");
    t.text('residence').comment("The holder's permanent residence (nơi thường trú), as they gave it in their profile");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.dropColumn('date_of_birth');
    t.dropColumn('residence');
  });
}
