/**
 * The catalogue entry of a procedure as DOMAIN.md §2 lists it: names and field, agencies, applicants, online
 * level, channels each with its time limit and fees (with exemptions), required documents by case with their
 * counts and templates, result, legal basis, conditions; and the time limit and result document of the
 * version. Controlled: the page holds the values; the server validates them.
 */
import { useI18n } from '../../../app/i18n.tsx';
import type { Catalogue, Channel, DocumentItem, Fee, ProcedureData, ResultTemplate, TimeLimit } from '../studio.api.ts';

const lines = (v: string[] | undefined) => (v ?? []).join('\n');
const unlines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

export function TimeLimitFields({ value, onChange, idPrefix }: { value: TimeLimit; onChange(v: TimeLimit): void; idPrefix: string }) {
  const { t } = useI18n();
  return (
    <div className="inline-fields">
      <label>
        {t('studio.limit.value')}
        <input
          id={`${idPrefix}-value`}
          type="number"
          min={0}
          step="any"
          value={value.value}
          onChange={(e) => onChange({ ...value, value: Number(e.target.value) })}
        />
      </label>
      <label>
        {t('studio.limit.unit')}
        <select value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as TimeLimit['unit'] })}>
          <option value="working_days">{t('studio.unit.working_days')}</option>
          <option value="working_hours">{t('studio.unit.working_hours')}</option>
          <option value="calendar_days">{t('studio.unit.calendar_days')}</option>
        </select>
      </label>
      <label>
        {t('studio.limit.cutoff')}
        <input type="time" value={value.cutoff ?? ''} onChange={(e) => onChange({ ...value, cutoff: e.target.value || undefined })} />
      </label>
      <label>
        {t('studio.limit.extension')}
        <input
          type="number"
          min={0}
          step="any"
          value={value.extensionWhenVerificationNeeded?.value ?? ''}
          onChange={(e) =>
            onChange({
              ...value,
              extensionWhenVerificationNeeded: e.target.value
                ? { value: Number(e.target.value), unit: value.extensionWhenVerificationNeeded?.unit ?? 'working_days' }
                : undefined,
            })
          }
        />
      </label>
    </div>
  );
}

interface Props {
  data: ProcedureData;
  timeLimit: TimeLimit;
  result: ResultTemplate;
  onChange(p: { data?: ProcedureData; timeLimit?: TimeLimit; result?: ResultTemplate }): void;
}

export function CatalogueEditor({ data, timeLimit, result, onChange }: Props) {
  const { t } = useI18n();
  const c = data.catalogue;
  const setC = (patch: Partial<Catalogue>) => onChange({ data: { ...data, catalogue: { ...c, ...patch } } });
  const setChannel = (i: number, ch: Channel) => setC({ channels: c.channels.map((x, j) => (j === i ? ch : x)) });
  const setFee = (i: number, k: number, f: Fee) => setChannel(i, { ...c.channels[i]!, fees: c.channels[i]!.fees.map((x, j) => (j === k ? f : x)) });
  const setDoc = (i: number, d: DocumentItem) => setC({ documents: c.documents.map((x, j) => (j === i ? d : x)) });
  return (
    <div className="catalogue-editor">
      <fieldset>
        <legend>{t('studio.cat.identity')}</legend>
        <div className="grid-2">
          <label>
            {t('studio.cat.name')}
            <input value={data.name} onChange={(e) => onChange({ data: { ...data, name: e.target.value } })} />
          </label>
          <label>
            {t('studio.cat.nameEn')}
            <input value={data.nameEn ?? ''} onChange={(e) => onChange({ data: { ...data, nameEn: e.target.value } })} />
          </label>
          <label>
            {t('studio.cat.field')}
            <input value={data.field} onChange={(e) => onChange({ data: { ...data, field: e.target.value } })} />
          </label>
          <label>
            {t('studio.cat.level')}
            <input value={c.level} onChange={(e) => setC({ level: e.target.value })} />
          </label>
          <label>
            {t('studio.cat.implementingAgency')}
            <input value={c.implementingAgency} onChange={(e) => setC({ implementingAgency: e.target.value })} />
          </label>
          <label>
            {t('studio.cat.competentAgency')}
            <input value={c.competentAgency ?? ''} onChange={(e) => setC({ competentAgency: e.target.value })} />
          </label>
          <label>
            {t('studio.cat.onlineLevel')}
            <select value={c.onlineLevel} onChange={(e) => setC({ onlineLevel: e.target.value as Catalogue['onlineLevel'] })}>
              <option value="toan_trinh">{t('studio.cat.toanTrinh')}</option>
              <option value="mot_phan">{t('studio.cat.motPhan')}</option>
            </select>
          </label>
          <label>
            {t('studio.cat.result')}
            <input value={c.result} onChange={(e) => setC({ result: e.target.value })} />
          </label>
        </div>
        <label>
          {t('studio.cat.applicants')}
          <textarea rows={2} value={lines(c.applicants)} onChange={(e) => setC({ applicants: unlines(e.target.value) })} />
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('studio.cat.timeLimit')}</legend>
        <TimeLimitFields idPrefix="limit" value={timeLimit} onChange={(v) => onChange({ timeLimit: v })} />
      </fieldset>

      <fieldset>
        <legend>{t('studio.cat.channels')}</legend>
        {c.channels.map((ch, i) => (
          <div key={i} className="card channel">
            <div className="inline-fields">
              <label>
                {t('studio.cat.channel')}
                <select value={ch.kind} onChange={(e) => setChannel(i, { ...ch, kind: e.target.value as Channel['kind'] })}>
                  <option value="in_person">{t('studio.channel.in_person')}</option>
                  <option value="online">{t('studio.channel.online')}</option>
                  <option value="postal">{t('studio.channel.postal')}</option>
                </select>
              </label>
              <button type="button" className="link-button" onClick={() => setC({ channels: c.channels.filter((_, j) => j !== i) })}>
                {t('studio.remove')}
              </button>
            </div>
            <TimeLimitFields idPrefix={`channel-${i}`} value={ch.timeLimit} onChange={(v) => setChannel(i, { ...ch, timeLimit: v })} />
            {ch.fees.map((f, k) => (
              <div key={k} className="inline-fields">
                <label>
                  {t('studio.fee.name')}
                  <input value={f.name} onChange={(e) => setFee(i, k, { ...f, name: e.target.value })} />
                </label>
                <label>
                  {t('studio.fee.amount')}
                  <input type="number" min={0} value={f.amount} onChange={(e) => setFee(i, k, { ...f, amount: Math.round(Number(e.target.value)) })} />
                </label>
                <label>
                  {t('studio.fee.per')}
                  <input value={f.per ?? ''} onChange={(e) => setFee(i, k, { ...f, per: e.target.value || undefined })} />
                </label>
                <label>
                  {t('studio.fee.exemptions')}
                  <textarea rows={1} value={lines(f.exemptions)} onChange={(e) => setFee(i, k, { ...f, exemptions: unlines(e.target.value) })} />
                </label>
                <button type="button" className="link-button" onClick={() => setChannel(i, { ...ch, fees: ch.fees.filter((_, j) => j !== k) })}>
                  {t('studio.remove')}
                </button>
              </div>
            ))}
            <div className="inline-actions">
              <button type="button" className="button" onClick={() => setChannel(i, { ...ch, fees: [...ch.fees, { name: 'Lệ phí', amount: 0 }] })}>
                {t('studio.fee.add')}
              </button>
              {ch.fees.length === 0 && (
                // a channel charging nothing says so: a fee of 0 đồng named as free
                <button type="button" className="button" onClick={() => setChannel(i, { ...ch, fees: [{ name: 'Miễn phí', amount: 0 }] })}>
                  {t('studio.fee.free')}
                </button>
              )}
            </div>
          </div>
        ))}
        {c.channels.length < 3 && (
          <button type="button" className="button" onClick={() => setC({ channels: [...c.channels, { kind: 'postal', timeLimit, fees: [] }] })}>
            {t('studio.channel.add')}
          </button>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('studio.cat.documents')}</legend>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t('studio.doc.case')}</th>
                <th>{t('studio.doc.name')}</th>
                <th>{t('studio.doc.originals')}</th>
                <th>{t('studio.doc.copies')}</th>
                <th>{t('studio.doc.template')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {c.documents.map((d, i) => (
                <tr key={i}>
                  <td>
                    <input aria-label={t('studio.doc.case')} value={d.case} onChange={(e) => setDoc(i, { ...d, case: e.target.value })} />
                  </td>
                  <td>
                    <input aria-label={t('studio.doc.name')} value={d.name} onChange={(e) => setDoc(i, { ...d, name: e.target.value })} />
                  </td>
                  <td>
                    <input
                      aria-label={t('studio.doc.originals')}
                      type="number"
                      min={0}
                      value={d.originals}
                      onChange={(e) => setDoc(i, { ...d, originals: Number(e.target.value) })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('studio.doc.copies')}
                      type="number"
                      min={0}
                      value={d.copies}
                      onChange={(e) => setDoc(i, { ...d, copies: Number(e.target.value) })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('studio.doc.template')}
                      value={d.template ?? ''}
                      onChange={(e) => setDoc(i, { ...d, template: e.target.value || undefined })}
                    />
                  </td>
                  <td>
                    <button type="button" className="link-button" onClick={() => setC({ documents: c.documents.filter((_, j) => j !== i) })}>
                      {t('studio.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button type="button" className="button" onClick={() => setC({ documents: [...c.documents, { case: 'Chung', name: '', originals: 1, copies: 0 }] })}>
          {t('studio.doc.add')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('studio.cat.legal')}</legend>
        <label>
          {t('studio.cat.legalBasis')}
          <textarea rows={3} value={lines(c.legalBasis)} onChange={(e) => setC({ legalBasis: unlines(e.target.value) })} />
        </label>
        <label>
          {t('studio.cat.conditions')}
          <textarea rows={2} value={lines(c.conditions)} onChange={(e) => setC({ conditions: unlines(e.target.value) })} />
        </label>
        <label>
          {t('studio.cat.steps')}
          <textarea rows={3} value={lines(c.steps)} onChange={(e) => setC({ steps: unlines(e.target.value) })} />
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('studio.cat.resultDocument')}</legend>
        <label>
          {t('studio.result.title')}
          <input value={result.title} onChange={(e) => onChange({ result: { ...result, title: e.target.value } })} />
        </label>
        {result.fields.map((f, i) => (
          <div key={i} className="inline-fields">
            <label>
              {t('studio.result.label')}
              <input
                value={f.label}
                onChange={(e) => onChange({ result: { ...result, fields: result.fields.map((x, j) => (j === i ? { ...f, label: e.target.value } : x)) } })}
              />
            </label>
            <label>
              {t('studio.result.path')}
              <input
                value={f.path}
                onChange={(e) => onChange({ result: { ...result, fields: result.fields.map((x, j) => (j === i ? { ...f, path: e.target.value } : x)) } })}
              />
            </label>
            <button type="button" className="link-button" onClick={() => onChange({ result: { ...result, fields: result.fields.filter((_, j) => j !== i) } })}>
              {t('studio.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="button" onClick={() => onChange({ result: { ...result, fields: [...result.fields, { label: '', path: '' }] } })}>
          {t('studio.result.add')}
        </button>
      </fieldset>
    </div>
  );
}
