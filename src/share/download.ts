/** Saves bytes or text as a file the browser downloads (a temporary blob URL, revoked once used). */
export function downloadFile(name: string, contents: Uint8Array | string, type: string): void {
  // Copied into a fresh ArrayBuffer: a Blob takes only ArrayBuffer-backed views.
  const part = typeof contents === 'string' ? contents : new Uint8Array(contents);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
