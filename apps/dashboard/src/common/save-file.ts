/** Saves text as a file through a temporary object URL: reports and error files are fetched with the session's token, so they cannot be a plain link. */
export function saveFile(fileName: string, contentType: string, body: string): void {
  const url = URL.createObjectURL(new Blob([body], { type: `${contentType};charset=utf-8` }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}
