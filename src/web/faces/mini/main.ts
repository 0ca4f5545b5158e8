// The mini-program at /mini/, opened inside partner apps. Its own small entry (plain DOM,
import './mini.css';
// no React) to keep its initial JavaScript far under the 50 KB gzip budget.
const root = document.getElementById('root')!;
const lang = (localStorage.getItem('lotus_lang') ?? navigator.language).slice(0, 2);
const text: Record<string, [string, string]> = {
  en: ['Lotus Health', 'Ask a doctor from inside a partner app is coming. It will open here when it really works.'],
  zh: ['莲花健康', '在合作应用内问医生的功能即将推出，真正可用时会在这里开放。'],
  fr: ['Lotus Health', 'Demander à un médecin depuis une application partenaire arrive bientôt. Cela ouvrira ici quand cela fonctionnera vraiment.'],
};
const [title, body] = text[lang] ?? text.en!;
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : lang in text ? lang : 'en';
const main = document.createElement('main');
main.className = 'mini';
const h1 = document.createElement('h1');
h1.textContent = title;
const p = document.createElement('p');
p.textContent = body;
main.append(h1, p);
root.append(main);
