/** Tables of shared documents, form templates, form instances and submitted matters (migration 0006). */
export interface SessionDocumentTable {
  id: string;
  session_id: string | null;
  uploaded_by_account_id: string | null;
  source: string;
  service_id: string | null;
  title: string;
  pages: number;
  size: number;
  sha256: string;
  pdf_base64: string;
  allow_download: number;
  shared_by_name: string | null;
  shared_at: string | null;
  created_at: string;
}

export interface FormTemplateTable {
  id: string;
  service_id: string;
  /** LocalizedText as JSON. */
  name: string;
  /** FormField[] as JSON. */
  fields: string;
  pdf_base64: string | null;
  pdf_file_name: string | null;
  /** string[] as JSON: the AcroForm fields of the provider's PDF. */
  pdf_field_names: string | null;
  created_at: string;
  updated_at: string;
}

export interface FormInstanceTable {
  id: string;
  session_id: string;
  template_id: string;
  /** The template (name, fields, PDF mapping) as it was at opening, as JSON. */
  template: string;
  /** LocalizedText as JSON. */
  service_name: string;
  state: string;
  /** Y.encodeStateAsUpdate of the form's Yjs document, base64. */
  ydoc_state: string;
  opened_at: string;
  updated_at: string;
}

export interface SubmittedMatterTable {
  id: string;
  form_instance_id: string;
  session_id: string;
  receipt_number: string;
  submitted_at: string;
  submitted_by_name: string;
  values_json: string;
  pdf_base64: string;
  sha256: string;
}

/** Secrets shared by all server nodes on one database (migration 0008), e.g. the document link key. */
export interface ServerSecretTable {
  name: string;
  value_base64: string;
  created_at: string;
}

export interface DocumentsFormsTables {
  server_secret: ServerSecretTable;
  session_document: SessionDocumentTable;
  form_template: FormTemplateTable;
  form_instance: FormInstanceTable;
  submitted_matter: SubmittedMatterTable;
}
