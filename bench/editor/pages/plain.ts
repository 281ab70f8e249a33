import { install, recordCommit } from './harness';

// The content is fetched before open() so that opening measures the editor, not the network.
const html = await (await fetch('/article.html')).text();
const blocks = Number(new URL(location.href).searchParams.get('blocks'));

install(() => {
  const element = document.createElement('div');
  element.className = 'surface';
  element.contentEditable = 'true';
  element.spellcheck = false;
  element.innerHTML = html;
  element.addEventListener('input', recordCommit);
  document.getElementById('root')!.append(element);
}, blocks);
