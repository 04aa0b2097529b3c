/** What a form's server action answers: a message (and maybe a secret shown once), or the field errors. */
export type FormState = { ok: true; message: string; secret?: string } | { ok: false; errors: string[] } | null;
