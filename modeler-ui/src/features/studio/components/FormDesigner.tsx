/**
 * The form editor: form-js's editor (with motcua's attachment field in its palette) beside a live preview
 * rendered by the same viewer citizens and officers use. The page reads the schema through a handle.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { FormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import { AttachmentFieldModule } from '../../../forms/attachment-field.ts';
import { FormView } from '../../../forms/FormView.tsx';
import { keepFormEditorVietnamese } from '../../../forms/form-editor-vi.ts';
import { ApiError } from '../../../app/api.ts';
import { useI18n } from '../../../app/i18n.tsx';
import type { FormDoc } from '../studio.api.ts';

export interface FormDesignerHandle {
  schema(): FormDoc;
}

const preview = {
  upload: () => Promise.reject(new ApiError(0, 'preview', { vi: 'Bản xem trước không tải tệp lên.', en: 'The preview does not upload files.' })),
  linkFor: () => '#',
};

export const FormDesigner = forwardRef<FormDesignerHandle, { schema: FormDoc; onEdit?(): void }>(function FormDesigner({ schema, onEdit }, ref) {
  const { t, lang } = useI18n();
  const langRef = useRef(lang);
  langRef.current = lang;
  const editorEl = useRef<HTMLDivElement>(null);
  const editor = useRef<InstanceType<typeof FormEditor> | null>(null);
  const [live, setLive] = useState<FormDoc>(schema);
  const editRef = useRef(onEdit);
  editRef.current = onEdit;

  useEffect(() => {
    // the editor speaks Vietnamese from its first drawing
    const stopTranslating = keepFormEditorVietnamese(editorEl.current!, () => langRef.current);
    const e = new FormEditor({ container: editorEl.current!, additionalModules: [AttachmentFieldModule] } as never);
    editor.current = e;
    let timer: ReturnType<typeof setTimeout> | undefined;
    e.on('changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => setLive(e.saveSchema() as FormDoc), 250);
    });
    // an edit of the user's (the import clears the stack, which is no edit)
    e.on('commandStack.changed', (ev: { trigger?: string }) => ev.trigger !== 'clear' && editRef.current?.());
    void e.importSchema(schema).then(() => setLive(e.saveSchema() as FormDoc));
    return () => {
      clearTimeout(timer);
      stopTranslating();
      e.destroy();
      editor.current = null;
    };
  }, [schema]);

  useImperativeHandle(ref, () => ({ schema: () => (editor.current ? (editor.current.saveSchema() as FormDoc) : schema) }));

  return (
    <div className="form-designer">
      <div ref={editorEl} className="form-designer-editor" aria-label={t('studio.forms.editor')} />
      <section className="form-designer-preview" aria-label={t('studio.forms.preview')}>
        <h3>{t('studio.forms.preview')}</h3>
        <FormView schema={live} attachments={preview} />
      </section>
    </div>
  );
});
