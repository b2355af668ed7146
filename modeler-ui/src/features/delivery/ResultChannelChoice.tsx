/**
 * The applicant's choice of how to receive the result, at submission (online by the citizen, at the counter
 * by the officer for a walk-in): online, at the counter, or by public post to an address (checked on the
 * server; its problems shown at the fields).
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { fieldProblem } from './FieldErrors.tsx';
import { deliveryOptions, type PostalAddress, type ResultChannel, type ResultDeliveryChoice } from './delivery.api.ts';

export const emptyAddress: PostalAddress = { recipientName: '', phone: '', street: '', ward: '', province: '' };

/** The input ids of the choice's fields, by their path in the request (for the error summary's links). */
export const choiceFieldIds: Record<string, string> = {
  'resultDelivery.channel': 'result-channel-online',
  'resultDelivery.address': 'result-address-recipientName',
  ...Object.fromEntries(Object.keys(emptyAddress).map((k) => [`resultDelivery.address.${k}`, `result-address-${k}`])),
};

/** What the request carries: the channel, and the address only for post. */
export function choiceBody(v: { channel: ResultChannel; address: PostalAddress }): ResultDeliveryChoice {
  if (v.channel !== 'post') return { channel: v.channel };
  return { channel: 'post', address: Object.fromEntries(Object.entries(v.address).map(([k, x]) => [k, x.trim()])) as unknown as PostalAddress };
}

export function ResultChannelChoice({
  value,
  onChange,
  error,
}: {
  value: { channel: ResultChannel; address: PostalAddress };
  onChange(v: { channel: ResultChannel; address: PostalAddress }): void;
  error: unknown;
}) {
  const { t, pick } = useI18n();
  const [channels, setChannels] = useState<ResultChannel[]>(['online', 'counter']);
  useEffect(() => {
    deliveryOptions().then(
      (r) => setChannels(r.channels),
      () => undefined,
    );
  }, []);
  const addressField = (name: keyof PostalAddress, props: Record<string, string> = {}) => {
    const problem =
      fieldProblem(error, `resultDelivery.address.${name}`) ?? (name === 'recipientName' ? fieldProblem(error, 'resultDelivery.address') : undefined);
    const id = `result-address-${name}`;
    return (
      <label htmlFor={id}>
        <span>
          {t(`delivery.${name}`)} <span className="required">*</span>
        </span>
        <input
          id={id}
          name={`resultAddress.${name}`}
          value={value.address[name]}
          onChange={(e) => onChange({ ...value, address: { ...value.address, [name]: e.target.value } })}
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? `${id}-error` : undefined}
          {...props}
        />
        {problem && (
          <span id={`${id}-error`} className="field-error">
            {pick(problem.message)}
          </span>
        )}
      </label>
    );
  };
  const channelProblem = fieldProblem(error, 'resultDelivery.channel');
  return (
    <fieldset className="card result-channel">
      <legend>{t('delivery.choose')}</legend>
      {channels.map((c) => (
        <label key={c} className="radio" htmlFor={`result-channel-${c}`}>
          <input
            type="radio"
            id={`result-channel-${c}`}
            name="resultChannel"
            value={c}
            checked={value.channel === c}
            onChange={() => onChange({ ...value, channel: c })}
          />{' '}
          {t(`delivery.channel.${c}`)}
        </label>
      ))}
      {channelProblem && <span className="field-error">{pick(channelProblem.message)}</span>}
      {value.channel === 'post' && (
        <div className="grid-2 postal-address">
          <p className="hint">{t('delivery.postHint')}</p>
          {addressField('recipientName', { autoComplete: 'name' })}
          {addressField('phone', { inputMode: 'tel', autoComplete: 'tel' })}
          {addressField('street', { autoComplete: 'street-address' })}
          {addressField('ward')}
          {addressField('province')}
        </div>
      )}
    </fieldset>
  );
}
