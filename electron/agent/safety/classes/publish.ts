/** Publishes or sends data: send, post, publish, upload, share publicly, reply all, forward, deploy. */
import type { RiskClass } from './types.js';

export const publish: RiskClass = {
  id: 'publish',
  does: 'sends or publishes data (a message, a post, a file or a key) where others can see it',
  acts: {
    // Choosing who can see a file: "Anyone with the link" is publishing it.
    any: ['anyone with (?:the )?link', 'jede[rnm]?,? (?:der|die|mit) (?:\\p{L}+ ){0,3}link\\p{L}*', 'toute personne (?:\\p{L}+ ){0,3}lien', 'cualquier (?:persona|usuario) (?:\\p{L}+ ){0,3}enlace', '(?:知道|获得|獲得|擁有)链接的(?:任何人|所有人)', 'リンクを知っている(?:全員|すべてのユーザー|人)', 'anyone on the internet', 'jede[rnm]? im internet', '(?:tout le monde|toute personne) sur (?:l.)?internet', 'cualquier (?:persona|usuario) en (?:el )?internet', '(?:互联网|网络)上(?:的)?任何人', '任何人(?:都)?可(?:以)?(?:查看|访问|浏览)', 'インターネット上の(?:全員|すべてのユーザー|誰でも)', 'postear', 'ポストする', 'tweeten', 'posten', '(?:创建|生成|开启)公开链接', '公開リンクを(?:作成|発行)', 'create (?:a )?public link', 'öffentlichen link (?:erstellen|erzeugen)', 'créer un lien public', 'crear (?:un )?enlace público'],
    en: ['send', 'send now', 'send (?:\\p{L}+ ){0,2}(?:message|e-?mail|file|report|data|key|invite)', 'submit', 'post', 'post (?:now|publicly|it|reply|comment)', 'publish', 'publish now', 'share (?:publicly|with everyone|with anyone|to everyone|link publicly)', 'make public', 'upload now', 'upload (?:\\p{L}+ )?(?:key|keys|data|secrets?)', 'reply all', 'reply to all', 'forward all', 'forward (?:\\p{L}+ )?to (?:all|everyone|\\S+@)', 'tweet', 'deploy', 'deploy (?:to )?(?:production|prod|live)', 'push to (?:production|prod|live|main|master)', 'go live', 'export (?:all|contacts|data)', 'broadcast'],
    de: ['senden', 'absenden', 'jetzt senden', 'veröffentlichen', 'posten', 'öffentlich teilen', 'mit allen teilen', 'allen antworten', 'alle weiterleiten', 'einreichen', 'übermitteln', 'bereitstellen'],
    fr: ['envoyer', 'publier', 'partager publiquement', 'partager avec tout le monde', 'mettre en ligne', 'répondre à tous', 'transférer à tous', 'soumettre', 'déployer'],
    es: ['enviar', 'publicar', 'compartir públicamente', 'compartir con todos', 'responder a todos', 'reenviar a todos', 'desplegar'],
    zh: ['发送', '發送', '发布', '發佈', '发表', '公开分享', '公開分享', '全部回复', '回复全部', '全部转发', '提交', '部署'],
    ja: ['送信', '投稿', '公開する', '一般公開', '全員に返信', 'すべて転送', '提出', 'デプロイ'],
  },
  // Making something public or sending a whole list out, by verb and object in either order: "make this
  // repository public", "Change visibility to public", "上传到公开空间", "Adjuntar contactos.vcf".
  actsWith: {
    verbs: {
      en: ['make', 'set', 'change', 'switch', 'upload', 'share', 'publish', 'attach', 'export', 'generate'], de: ['machen', 'stellen', 'ändern', 'hochladen', 'teilen', 'anhängen', 'exportieren'],
      fr: ['rendre', 'passer', 'changer', 'téléverser', 'partager', 'joindre', 'exporter', 'générer'], es: ['hacer', 'cambiar', 'subir', 'compartir', 'adjuntar', 'exportar', 'generar'],
      zh: ['设为', '设置为', '改为', '上传', '上傳', '分享', '附加', '导出', '生成'], ja: ['設定', '変更', 'アップロード', '共有', '添付', 'エクスポート', '生成'],
    },
    objects: {
      en: ['public(?:ly)?', 'everyone', 'anyone', 'all (?:\\p{L}+ )?files', 'all contacts', 'contacts(?:\\.vcf)?', 'contact list'], de: ['öffentlich\\p{L}*', 'jede[rnm]?', 'alle (?:\\p{L}+ )?dateien', 'alle kontakte', 'kontakte(?:\\.vcf)?'],
      fr: ['publi(?:c|que)', 'tout le monde', 'tous (?:les|vos) fichiers', 'tous les contacts', 'contacts(?:\\.vcf)?'], es: ['públic[oa]', 'todos', 'todos (?:los|tus) archivos', 'contactos(?:\\.vcf)?'],
      zh: ['公开', '公開', '公共', '所有人', '所有文件', '全部文件', '联系人', '聯絡人', '通讯录'], ja: ['公開', '全員', 'すべてのファイル', '全ファイル', '連絡先', 'アドレス帳'],
    },
  },
  pairOnControlOnly: true,
  context: {
    en: ['(?:will|would) be (?:sent|posted|published|shared|uploaded|made public|visible to (?:everyone|anyone))', 'anyone (?:with the link|on the internet) can', 'everyone can see', 'public(?:ly)? visible', 'to all (?:\\d[\\d,]* )?(?:contacts|recipients|members|followers|subscribers)'],
    any: ['anyone with (?:the )?link', 'jede[rnm]?,? (?:der|die|mit) (?:\\p{L}+ ){0,3}link\\p{L}*', 'toute personne (?:\\p{L}+ ){0,3}lien', 'cualquier (?:persona|usuario) (?:\\p{L}+ ){0,3}enlace', '链接的(?:任何人|所有人)', 'リンクを知っている', 'everyone (?:will be able to|can) see', 'jede[rnm]? (?:kann|wird) (?:\\p{L}+ ){0,4}sehen', 'tout le monde pourra voir', '(?:todos|cualquiera) (?:podrán|podrá|pueden|puede) ver', '所有人都(?:能|可以|将能)(?:看到|查看)', '誰でも(?:閲覧|見る|見られ)', 'upload(?:s|ed|ing)? (?:all )?(?:your )?(?:\\d[\\d,.]* )?contacts', 'contacts (?:will be |are )?(?:uploaded|synced)', 'kontakte (?:\\p{L}+ ){0,2}hoch(?:geladen|laden)', '(?:téléverser|importer|envoyer) (?:vos |tous )?(?:les |vos )?contacts', '(?:subir|sincronizar) (?:tus |todos )?(?:los |tus )?contactos', '通讯录将.{0,6}上传', '上传(?:你的)?通讯录', '連絡先を(?:すべて)?アップロード', '連絡先がアップロード', 'wird (?:\\p{L}+ ){0,2}(?:gesendet|veröffentlicht|hochgeladen|geteilt)', 'seront (?:\\p{L}+ ){0,2}(?:envoyés|publiés|partagés|téléversés)', 'se (?:\\p{L}+ )?(?:subirán|enviarán|publicarán)', '連絡先を.{0,12}送信', '通讯录.{0,8}上传'],
    de: ['wird (?:gesendet|veröffentlicht|hochgeladen|geteilt)', 'für alle sichtbar', 'jeder mit dem link', 'an alle (?:kontakte|empfänger)'],
    fr: ['sera (?:envoyé|publié|partagé|téléversé)e?', 'visible par tous', 'toute personne disposant du lien', 'à tous (?:les|vos) contacts'],
    es: ['se (?:enviará|publicará|compartirá|subirá)', 'visible para todos', 'cualquier persona con el enlace', 'a todos (?:los|tus) contactos'],
    zh: ['将被发送', '将被发布', '将被上传', '所有人可见', '任何人都可以', '知道链接的任何人', '发送给所有联系人'],
    ja: ['送信されます', '公開されます', 'アップロードされます', '全員に表示', 'リンクを知っている全員', 'すべての連絡先に'],
  },
  confirms: {
    en: ['share', 'upload', 'post', 'publish', 'send', 'forward'], de: ['teilen', 'hochladen', 'posten', 'weiterleiten'], fr: ['partager', 'téléverser', 'publier', 'transférer'], es: ['compartir', 'subir', 'publicar', 'reenviar'],
    zh: ['分享', '共享', '上传', '发布', '转发'], ja: ['共有', 'アップロード', '公開', '投稿', '転送'],
  },
};
