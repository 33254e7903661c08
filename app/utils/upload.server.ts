import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

export type Upload = { ok: true; file: File } | { ok: false; problem: "too large" | "unreadable" | "missing" };

/** The file a form uploaded as `file`, held in memory up to `maxBytes`; the caller words the problem. */
export async function readUpload(request: Request, { maxBytes }: { maxBytes: number }): Promise<Upload> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }));
  } catch (error) {
    return { ok: false, problem: error instanceof MaxPartSizeExceededError ? "too large" : "unreadable" };
  }
  const file = form.get("file");
  return file instanceof File && file.size > 0 ? { ok: true, file } : { ok: false, problem: "missing" };
}
