/**
 * A version as files and back: its model as `.bpmn` and each form as `.form` (form-js JSON), for export, and
 * such files read into the changes to a draft, for import.
 */
import { InputError, msg } from '../errors/errors.ts';
import type { FormSchema } from '../forms/form-schema.ts';
import type { VersionContent } from './procedure-check.ts';
import type { ProcedureVersion } from './procedures.repository.ts';
import { MAX_FORMS, formIdPattern } from './procedures.schemas.ts';

export interface ExportedFile {
  name: string;
  mediaType: string;
  content: string;
}

/**
 * The changes `.bpmn` and `.form` files make to a draft holding `current` forms: a model replaces the draft's
 * model, a form is added or replaces the form with its id.
 * @throws InputError `import_unreadable`, `import_form_id_invalid`, `import_too_many_forms`
 */
export function importedChanges(current: Record<string, FormSchema>, files: { name: string; content: string }[]): Partial<VersionContent> {
  const changes: Partial<VersionContent> = {};
  const forms = { ...current };
  for (const f of files) {
    if (f.name.toLowerCase().endsWith('.bpmn') || f.name.toLowerCase().endsWith('.xml')) {
      if (!/<(\w+:)?definitions[\s>]/.test(f.content))
        throw new InputError('import_unreadable', msg(`Tệp ${f.name} không phải mô hình BPMN.`, `${f.name} is not a BPMN model.`));
      changes.bpmnXml = f.content;
    } else if (f.name.toLowerCase().endsWith('.form') || f.name.toLowerCase().endsWith('.json')) {
      let form: FormSchema;
      try {
        form = JSON.parse(f.content) as FormSchema;
      } catch {
        throw new InputError('import_unreadable', msg(`Tệp ${f.name} không phải JSON hợp lệ.`, `${f.name} is not valid JSON.`));
      }
      if (!form || typeof form !== 'object' || typeof form.id !== 'string' || !form.id)
        throw new InputError('import_unreadable', msg(`Tệp ${f.name} không có mã biểu mẫu (id).`, `${f.name} has no form id.`));
      // the same ids as a saved form: an id names files and the model's form references
      if (!new RegExp(formIdPattern).test(form.id)) {
        throw new InputError(
          'import_form_id_invalid',
          msg(
            `Tệp ${f.name}: mã biểu mẫu «${form.id.slice(0, 100)}» chỉ được gồm chữ cái không dấu, chữ số, dấu gạch dưới, dấu chấm và gạch ngang, bắt đầu bằng chữ cái (tối đa 100 ký tự).`,
            `${f.name}: the form id "${form.id.slice(0, 100)}" may hold only letters, digits, _ . and -, starting with a letter (at most 100).`,
          ),
        );
      }
      forms[form.id] = form;
      if (Object.keys(forms).length > MAX_FORMS)
        throw new InputError('import_too_many_forms', msg(`Một thủ tục có tối đa ${MAX_FORMS} biểu mẫu.`, `A procedure has at most ${MAX_FORMS} forms.`));
      changes.forms = forms;
    } else {
      throw new InputError('import_unreadable', msg(`Chỉ nhận tệp .bpmn và .form (${f.name}).`, `Only .bpmn and .form files are accepted (${f.name}).`));
    }
  }
  return changes;
}

/** Files of a version, for export: its model and each form. */
export function versionFiles(version: Pick<ProcedureVersion, 'processKey' | 'bpmnXml' | 'forms'>): ExportedFile[] {
  return [
    { name: `${version.processKey}.bpmn`, mediaType: 'application/xml', content: version.bpmnXml },
    ...Object.entries(version.forms).map(([id, f]) => ({ name: `${id}.form`, mediaType: 'application/json', content: `${JSON.stringify(f, null, 2)}\n` })),
  ];
}
