/**
 * A page from the core shown inside the app: in a sandboxed frame with no script, no forms and
 * no navigation, so nothing in a remote or rendered page can reach the app.
 */
export function PagePreview({ html, title, height = 600 }: { html: string; title: string; height?: number }) {
  return (
    <iframe
      title={title}
      srcDoc={html}
      sandbox=""
      referrerPolicy="no-referrer"
      style={{ width: '100%', height, border: '1px solid var(--mantine-color-gray-4)', background: 'white' }}
    />
  );
}
