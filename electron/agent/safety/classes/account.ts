/** Changes an account: e-mail, password, recovery, mail forwarding, two-step sign-in, app access (OAuth) and keys. */
import type { RiskClass } from './types.js';

export const account: RiskClass = {
  id: 'account',
  does: "changes an account's sign-in or recovery details, mail forwarding, two-step sign-in or which apps may use it",
  acts: {
    // A key added to an account signs in as the owner; new backup codes replace the owner's own.
    any: ['(?:add|upload|register|hinzufügen|ajouter|añadir|agregar|registrar)\\s(?:\\p{L}+ )?(?:new )?(?:ssh|gpg|deploy|public) (?:key|schlüssel)', '(?:ssh|gpg).?(?:schlüssel|key) (?:hinzufügen|registrieren)', '(?:ajouter|enregistrer) (?:une )?clé (?:ssh|gpg|publique)', '(?:añadir|agregar|registrar) (?:una )?clave (?:ssh|gpg|pública)', '(?:添加|新增|上传)\\s?(?:ssh|gpg|部署)\\s?(?:密钥|公钥|金鑰)', '(?:ssh|gpg)\\s?キーを(?:追加|登録)', '(?:regenerate|generate new|reset|neu generieren|régénérer|regenerar|重新生成|再生成)\\s(?:\\p{L}+ )?(?:backup|recovery|secours|récupération|respaldo|recuperación)?\\s?(?:codes?|códigos)', '(?:backup|wiederherstellungs)codes? (?:neu )?(?:generieren|erstellen)', '(?:备用|恢复)码', '(?:バックアップ|リカバリー?)コードを(?:再)?生成', '(?:save|update|change) (?:\\p{L}+ )?(?:credentials|login details|sign.?in details)', '(?:anmeldedaten|zugangsdaten|login.?daten) (?:speichern|ändern|aktualisieren)', '(?:enregistrer|modifier) (?:les |vos )?identifiants', '(?:guardar|cambiar|actualizar) (?:las |tus )?credenciales', '(?:保存|更新|修改)(?:登录)?凭据', '認証情報を(?:保存|変更|更新)'],
    en: ['change (?:\\p{L}+ ){0,2}(?:e-?mail|password|phone number|recovery|username|sign.?in)', 'update (?:\\p{L}+ ){0,2}(?:e-?mail|password|recovery|phone number)', '(?:save|create|add) (?:\\p{L}+ )?(?:forwarding|filter|rule|redirect)', 'add (?:a )?forwarding address', 'forward (?:all|my|every|incoming)', '(?:enable|turn on) forwarding', 'set (?:as )?(?:primary|recovery|default) (?:e-?mail|address|phone)', 'make primary', '(?:remove|disable|reset) (?:\\p{L}+ )?(?:two.?factor|2fa|authenticator|security key|passkey|recovery)', 'reset password', 'authori[sz]e (?:app|application|access|\\p{L}+ app)', 'allow (?:\\p{L}+ )?to access your (?:account|data|\\p{L}+ account)', 'connect (?:app|account)', 'link (?:account|device)', 'add (?:new )?(?:device|ssh key|deploy key|api key|authorized app|delegate)', 'generate (?:\\p{L}+ )?(?:token|api key|app password|recovery codes)', 'transfer ownership', 'add (?:\\p{L}+ )?(?:owner|admin|delegate|collaborator)', 'grant (?:\\p{L}+ )?(?:access|permission)'],
    de: ['(?:e-?mail(?:-adresse)?|passwort|kennwort|telefonnummer|wiederherstellung\\p{L}*) ändern', '(?:weiterleitung|filter|regel) (?:speichern|erstellen|hinzufügen|aktivieren)', 'weiterleitungsadresse hinzufügen', 'alle (?:e-?mails|nachrichten) weiterleiten', 'als (?:primäre|wiederherstellungs)\\p{L}* (?:\\p{L}+ )?festlegen', '(?:zwei.?faktor\\p{L}*|authentifikator|sicherheitsschlüssel|passkey) (?:entfernen|deaktivieren)', 'passwort zurücksetzen', 'app autorisieren', 'zugriff (?:gewähren|erlauben)', 'konto verknüpfen', 'token generieren', 'eigentümerschaft übertragen', 'inhaberschaft übertragen'],
    fr: ["(?:modifier|changer) (?:l.|le |votre )?(?:adresse e-?mail|e-?mail|mot de passe|numéro de téléphone)", '(?:enregistrer|créer|ajouter) (?:la |une |le |un )?(?:règle|filtre|transfert)', "ajouter une adresse de transfert", 'transférer tous', "définir comme (?:adresse )?(?:principale|de récupération)", '(?:supprimer|désactiver) (?:la |le )?(?:double authentification|validation en deux étapes|clé de sécurité)', 'réinitialiser le mot de passe', "autoriser (?:l.application|l.accès)", 'associer (?:le )?compte', 'générer (?:un )?jeton', 'transférer la propriété'],
    es: ['cambiar (?:el |tu |su )?(?:correo|correo electrónico|contraseña|número de teléfono|e-?mail)', '(?:guardar|crear|añadir|agregar) (?:la |una |el |un )?(?:regla|filtro|reenvío)', 'agregar (?:una )?dirección de reenvío', 'añadir (?:una )?dirección de reenvío', 'reenviar todos', 'establecer como (?:principal|de recuperación)', '(?:quitar|eliminar|desactivar) (?:la |el )?(?:verificación en dos pasos|autenticación de dos factores|llave de seguridad)', 'restablecer (?:la )?contraseña', 'autorizar (?:la )?(?:aplicación|app|acceso)', 'vincular (?:la )?cuenta', 'generar (?:un )?token', 'transferir (?:la )?propiedad'],
    zh: ['更改邮箱', '更改電子郵件', '修改邮箱', '更改密码', '修改密码', '更改密碼', '更改手机号', '保存转发', '创建转发', '添加转发地址', '转发所有', '轉寄所有', '设为主要', '设为恢复', '移除两步验证', '关闭两步验证', '删除安全密钥', '重置密码', '授权应用', '授權應用', '授权访问', '关联账户', '绑定账号', '生成令牌', '转让所有权', '轉讓擁有權'],
    ja: ['メールアドレスを変更', 'パスワードを変更', '電話番号を変更', '転送を保存', '転送先を追加', '転送を有効', 'すべて転送', 'メインに設定', '再設定用', '二段階認証を(?:オフ|無効|解除)', 'セキュリティキーを削除', 'パスワードをリセット', 'アプリを承認', 'アクセスを許可', 'アカウントをリンク', 'トークンを生成', 'オーナー権限を譲渡'],
  },
  context: {
    // An SSH or deploy key: a confirm near it adds a key that signs in as the owner.
    any: ['ssh ?(?:key|公钥|公鑰|キー|鍵)', 'deploy ?key', '部署公钥', 'ssh-schlüssel', 'clé ssh', 'clave ssh', '公開鍵'],
    en: ['(?:new|primary|recovery|backup|alternate|contact) (?:e-?mail|phone|address)', 'forwarding (?:address|rule|to)', 'auto.?forward\\p{L}*', 'forward (?:a copy|all|incoming|new|every|mail|messages|e-?mails?)', 'wants to access your (?:\\p{L}+ )?account', 'will be able to (?:read|send|delete|manage|access|see|view|edit)', 'oauth', 'authori[sz]e (?:\\p{L}+ )?(?:app|application|access)', 'change (?:your )?(?:password|e-?mail|sign.?in)', 'recovery (?:e-?mail|phone|codes?)', '(?:create|generate|new) (?:\\p{L}+ )?(?:app password|personal access token|ssh key)', 'transfer ownership'],
    de: ['(?:neue|primäre) e-?mail', 'wiederherstellungs\\p{L}*', 'weiterleitungsadresse', 'weiterleitung', 'weiterleiten an', 'möchte auf ihr (?:\\p{L}+ )?konto zugreifen', 'kann (?:ihre )?(?:e-?mails )?(?:lesen|senden|löschen|verwalten)', 'passwort ändern'],
    fr: ['nouvelle adresse e-?mail', 'adresse de récupération', 'transfert (?:automatique|des e-?mails)', "souhaite accéder à votre compte", 'pourra (?:lire|envoyer|supprimer|gérer)', 'changer (?:votre )?mot de passe'],
    es: ['nuevo correo', 'correo de recuperación', 'reenvío', 'reenviar a', 'quiere acceder a tu cuenta', 'podrá (?:leer|enviar|eliminar|gestionar|administrar)', 'cambiar (?:tu )?contraseña'],
    zh: ['新邮箱', '新电子邮件', '恢复邮箱', '备用邮箱', '(?:恢复|找回|备用)(?:手机|电话|手機|電話)', '自动转发', '转发到', '轉寄到', '想要访问你的', '想要访问您的', '将能够(?:读取|发送|删除|管理)', '更改密码'],
    ja: ['新しいメールアドレス', '再設定用の(?:メール|電話番号|連絡先)', '自動転送', '転送先', 'アカウントへのアクセスを求めて', '(?:読み取り|送信|削除|管理)できるようになります', 'パスワードの変更'],
  },
  confirms: {
    en: ['save', 'save changes', 'update', 'change', 'authori[sz]e', 'allow', 'create', 'add', 'confirm', 'link', 'connect', 'remove', 'turn off'], de: ['speichern', 'ändern', 'autorisieren', 'zulassen', 'erstellen', 'hinzufügen', 'verknüpfen', 'entfernen'],
    fr: ['enregistrer', 'modifier', 'autoriser', 'créer', 'ajouter', 'associer', 'supprimer'], es: ['guardar', 'cambiar', 'autorizar', 'permitir', 'crear', 'añadir', 'agregar', 'vincular', 'quitar'],
    zh: ['保存', '更改', '授权', '授權', '允许', '创建', '添加', '关联', '移除'], ja: ['保存', '変更', '承認', '許可', '作成', '追加', 'リンク', '削除'],
  },
  fields: {
    en: ['(?:new|primary|recovery|backup|alternate|secondary|contact) (?:e-?mail|phone|address)', 'forward(?:ing)? (?:to|address)', 'e-?mail address to forward', 'redirect to', 'new password', 'confirm (?:new )?password', 'recovery'],
    de: ['neue e-?mail\\p{L}*', 'wiederherstellungs\\p{L}*', 'weiterleiten an', 'weiterleitungsadresse', 'neues passwort'],
    fr: ['nouvelle adresse', 'adresse de récupération', 'transférer à', 'adresse de transfert', 'nouveau mot de passe'],
    es: ['nuevo correo', 'correo de recuperación', 'reenviar a', 'dirección de reenvío', 'nueva contraseña'],
    zh: ['新邮箱', '新电子邮件', '恢复邮箱', '备用邮箱', '转发到', '转发地址', '新密码'],
    ja: ['新しいメールアドレス', '再設定用', '転送先', '新しいパスワード'],
  },
};
