import type { Knex } from 'knex';

/**
 * Fees and payment (issue 15 §1). A dossier whose procedure version charges a fee gets one payment row when
 * the process reaches the point where the version says it is paid (before handling or before the result);
 * it waits there in status 6 until the payment is confirmed: online through a payment gateway (one attempt
 * per redirect, confirmed only by the gateway's server-to-server notification), at the counter by an
 * officer, or waived by an exemption the officer confirmed. Every amount is an integer of đồng.
 * The SLA rule versions say whether the clock stands still while the dossier waits for payment.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sla_rule_versions', (t) => {
    t.text('payment_clock')
      .notNullable()
      .defaultTo('pause')
      .comment(
        'pause: the clock stands still while the dossier waits for payment (status 6), its due moment moved by that working time; run: it keeps running',
      );
  });
  await knex.raw(`alter table sla_rule_versions add constraint sla_rule_versions_payment_clock_check check (payment_clock in ('pause','run'))`);

  await knex.raw('create sequence payment_receipt_seq');
  await knex.schema.createTable('dossier_payments', (t) => {
    t.comment('The fee a dossier owes (phí, lệ phí), computed from its procedure version when payment is asked for, and how it was settled.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('dossier_id').notNullable().unique().references('dossiers.id').comment('one payment per dossier');
    t.text('stage').notNullable().comment('before_handling | before_return: where the process waits for it');
    t.integer('gross_amount').notNullable().comment('the fee before any exemption, đồng');
    t.integer('amount').notNullable().comment('what is owed, đồng (0 once an exemption is confirmed)');
    t.jsonb('lines').notNullable().comment('[{ code, name, unitAmount, quantity, amount }] as computed from the fee schedule');
    t.text('status').notNullable().comment('due | paid | exempted | refund_due');
    t.jsonb('exemption').comment('{ code, name, evidence, note, confirmedBy: { id, name }, confirmedAt } when an officer confirmed an exemption');
    t.text('method').comment('online | counter, once paid');
    t.text('gateway').comment('the payment gateway of an online payment (vnpay)');
    t.text('txn_ref').comment('the attempt (vnp_TxnRef) that paid it online');
    t.text('gateway_transaction_no').comment("the gateway's transaction number (vnp_TransactionNo)");
    t.timestamp('paid_at', { useTz: true }).comment('when it was paid (the gateway’s pay date, or the counter’s recording)');
    t.uuid('recorded_by').references('accounts.id').comment('the officer who recorded a counter payment');
    t.text('receipt_no').unique().comment('the receipt (biên lai) number, BL<yyyy>-<nnnnnn>, issued once when paid');
    t.text('refund_reason').comment('why a paid fee is to be refunded (refused, withdrawn)');
    t.timestamp('refund_marked_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table dossier_payments add constraint dossier_payments_status_check check (status in ('due','paid','exempted','refund_due'))`);
  await knex.raw(`alter table dossier_payments add constraint dossier_payments_amount_check check (amount >= 0 and gross_amount >= amount)`);

  await knex.schema.createTable('payment_attempts', (t) => {
    t.comment('One online payment attempt: the signed redirect to the gateway and what its notification (IPN) said.');
    t.text('txn_ref').primary().comment('our reference sent as vnp_TxnRef, unique');
    t.uuid('payment_id').notNullable().references('dossier_payments.id').index();
    t.text('gateway').notNullable();
    t.integer('amount').notNullable().comment('đồng, as asked of the gateway (vnp_Amount is this × 100)');
    t.text('state').notNullable().defaultTo('pending').comment('pending | succeeded | failed');
    t.text('response_code').comment('vnp_ResponseCode of the notification');
    t.text('transaction_status').comment('vnp_TransactionStatus');
    t.text('transaction_no').comment('vnp_TransactionNo');
    t.text('bank_code').comment('vnp_BankCode');
    t.text('pay_date').comment('vnp_PayDate, yyyyMMddHHmmss GMT+7');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('notified_at', { useTz: true }).comment('when the first valid notification settled it');
  });
  await knex.raw(`alter table payment_attempts add constraint payment_attempts_state_check check (state in ('pending','succeeded','failed'))`);

  await knex.schema.createTable('payment_notifications', (t) => {
    t.comment('Every server-to-server notification (IPN) a gateway sent, valid or not, and what we answered: the audit of online payments.');
    t.bigIncrements('id');
    t.text('gateway').notNullable();
    t.text('txn_ref').comment('as the notification named it (not trusted)');
    t.jsonb('params').notNullable().comment('the parameters as received');
    t.text('answer_code').notNullable().comment('our RspCode');
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('payment_notifications');
  await knex.schema.dropTable('payment_attempts');
  await knex.schema.dropTable('dossier_payments');
  await knex.raw('drop sequence payment_receipt_seq');
  await knex.schema.alterTable('sla_rule_versions', (t) => {
    t.dropColumn('payment_clock');
  });
}
