/**
 * Every migration, by the name knex records (its file name). Listed here rather than read from the folder, so
 * that the compiled server (one bundle, no TypeScript at run time) carries them too; a test keeps the list
 * equal to the folder.
 */
import type { Knex } from 'knex';
import * as m0 from './20261123000000_platform.ts';
import * as m1 from './20261124000000_files_uncompressed.ts';
import * as m2 from './20261125000000_legal_time.ts';
import * as m3 from './20261126000000_portal.ts';
import * as m4 from './20261127000000_studio.ts';
import * as m5 from './20261129000000_engine_commands.ts';
import * as m6 from './20261129010000_rate_limits.ts';
import * as m7 from './20261129020000_identity_verification.ts';
import * as m8 from './20261130000000_organisation.ts';
import * as m9 from './20261201000000_people.ts';
import * as m10 from './20261201010000_single_sign_on.ts';
import * as m11 from './20261201020000_second_factor.ts';
import * as m12 from './20261201030000_interagency.ts';
import * as m13 from './20261201040000_organisations.ts';
import * as m14 from './20261202001000_tax_codes.ts';
import * as mStepReached from './20261202010000_step_reached.ts';
import * as mSecondFactorSealed from './20261202020000_second_factor_sealed.ts';
import * as mDayCount from './20261202030000_day_count.ts';
import * as mCalendar2026 from './20261202040000_calendar_2026_decisions.ts';
import * as mReports from './20261202050000_reports.ts';
import * as mAdminLogChain from './20261202060000_admin_log_chain.ts';
import * as mStepActors from './20261202070000_step_actors.ts';
import * as mIndicators from './20261202070000_indicators.ts';
import * as mDossierCounts from './20261203010000_dossier_counts.ts';
import * as mRatingUnits from './20261203020000_rating_units.ts';
import * as mRatingQuestionnaires from './20261203100000_rating_questionnaires.ts';
import * as mReportOpenDue from './20261204000000_report_open_due.ts';
import * as mRatingProcedures from './20261204010000_rating_procedures.ts';
import * as mCatalogueSearch from './20261204020000_catalogue_search.ts';
import * as mMessageDelivery from './20261204050000_message_delivery.ts';
import * as mPayments from './20261204050000_payments.ts';
import * as mResultDelivery from './20261204100000_result_delivery.ts';
import * as mCitizenPapers from './20261205000000_citizen_papers.ts';
import * as mCitizenProfile from './20261206000000_citizen_profile.ts';
import * as mDocumentHashIndex from './20261206100000_document_hash_index.ts';
import * as mPublishRequests from './20261206300000_publish_requests.ts';
import * as mPasswordResets from './20261206400000_password_resets.ts';
import * as mStoredScale from './20261207000000_stored_scale.ts';
import * as mReconcilerMarks from './20261208000000_reconciler_marks.ts';
import * as mHolderChanges from './20261208010000_holder_changes.ts';
import * as mEngineCommandEnd from './20261209000000_engine_command_end.ts';

export interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export const migrations: [name: string, migration: Migration][] = [
  ['20261123000000_platform.ts', m0],
  ['20261124000000_files_uncompressed.ts', m1],
  ['20261125000000_legal_time.ts', m2],
  ['20261126000000_portal.ts', m3],
  ['20261127000000_studio.ts', m4],
  ['20261129000000_engine_commands.ts', m5],
  ['20261129010000_rate_limits.ts', m6],
  ['20261129020000_identity_verification.ts', m7],
  ['20261130000000_organisation.ts', m8],
  ['20261201000000_people.ts', m9],
  ['20261201010000_single_sign_on.ts', m10],
  ['20261201020000_second_factor.ts', m11],
  ['20261201030000_interagency.ts', m12],
  ['20261201040000_organisations.ts', m13],
  ['20261202001000_tax_codes.ts', m14],
  ['20261202010000_step_reached.ts', mStepReached],
  ['20261202020000_second_factor_sealed.ts', mSecondFactorSealed],
  ['20261202030000_day_count.ts', mDayCount],
  ['20261202040000_calendar_2026_decisions.ts', mCalendar2026],
  ['20261202050000_reports.ts', mReports],
  ['20261202060000_admin_log_chain.ts', mAdminLogChain],
  ['20261202070000_indicators.ts', mIndicators],
  ['20261202070000_step_actors.ts', mStepActors],
  ['20261203010000_dossier_counts.ts', mDossierCounts],
  ['20261203020000_rating_units.ts', mRatingUnits],
  ['20261203100000_rating_questionnaires.ts', mRatingQuestionnaires],
  ['20261204000000_report_open_due.ts', mReportOpenDue],
  ['20261204010000_rating_procedures.ts', mRatingProcedures],
  ['20261204020000_catalogue_search.ts', mCatalogueSearch],
  ['20261204050000_message_delivery.ts', mMessageDelivery],
  ['20261204050000_payments.ts', mPayments],
  ['20261204100000_result_delivery.ts', mResultDelivery],
  ['20261205000000_citizen_papers.ts', mCitizenPapers],
  ['20261206000000_citizen_profile.ts', mCitizenProfile],
  ['20261206100000_document_hash_index.ts', mDocumentHashIndex],
  ['20261206300000_publish_requests.ts', mPublishRequests],
  ['20261206400000_password_resets.ts', mPasswordResets],
  ['20261207000000_stored_scale.ts', mStoredScale],
  ['20261208000000_reconciler_marks.ts', mReconcilerMarks],
  ['20261208010000_holder_changes.ts', mHolderChanges],
  ['20261209000000_engine_command_end.ts', mEngineCommandEnd],
];
