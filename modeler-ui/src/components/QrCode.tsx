/** A QR code of a text (a tracking address), drawn as SVG in the page. */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export function QrCode({ text, size = 160, label }: { text: string; size?: number; label: string }) {
  const [svg, setSvg] = useState('');
  useEffect(() => {
    void QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }).then(setSvg);
  }, [text]);
  return <div className="qr" role="img" aria-label={label} style={{ width: size, height: size }} dangerouslySetInnerHTML={{ __html: svg }} />;
}
