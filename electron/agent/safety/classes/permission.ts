/** Grants a permission: camera, microphone, location, notifications, screen sharing, browser extensions, admin rights. */
import type { RiskClass } from './types.js';

export const permission: RiskClass = {
  id: 'permission',
  does: 'grants a permission (camera, microphone, location, screen sharing, an extension or access rights)',
  acts: {
    // An extension added to any browser.
    any: ['(?:add|install) to (?:chrome|chromium|firefox|edge|brave|opera|safari|vivaldi)', 'zu (?:chrome|chromium|firefox|edge|brave|opera|safari|vivaldi) hinzufügen', 'ajouter à (?:chrome|chromium|firefox|edge|brave|opera|safari|vivaldi)', '(?:añadir|agregar) a (?:chrome|chromium|firefox|edge|brave|opera|safari|vivaldi)', '添加(?:至|到) ?(?:chrome|chromium|firefox|edge|brave|opera|safari|vivaldi)', '(?:chrome|chromium|firefox|edge|brave|opera|safari|vivaldi) ?に追加'],
    en: ['add extension', 'add to (?:chrome|firefox|edge|brave|opera|browser)', 'install extension', 'start sharing', 'share (?:your |my |the |entire )?screen', 'always allow', 'allow on every visit', 'allow all permissions', 'make (?:\\p{L}+ )?(?:an? )?(?:admin|administrator|owner)', 'grant (?:full )?access'],
    de: ['erweiterung hinzufügen', 'zu chrome hinzufügen', 'bildschirm (?:teilen|freigeben)', 'immer (?:zulassen|erlauben)', 'zugriff (?:gewähren|erlauben|zulassen)', 'berechtigung\\p{L}* (?:erteilen|gewähren)'],
    fr: ["ajouter l.extension", 'ajouter à chrome', "partager (?:l.|votre )?écran", 'toujours autoriser', "autoriser l.accès", "accorder (?:l.accès|les autorisations)"],
    es: ['agregar extensión', 'añadir extensión', 'añadir a chrome', 'agregar a chrome', 'compartir (?:tu |la )?pantalla', 'permitir siempre', 'siempre permitir', 'conceder (?:acceso|permiso\\p{L}*)', 'dar acceso'],
    zh: ['添加扩展', '添加擴充', '添加至 ?chrome', '共享屏幕', '共享螢幕', '始终允许', '總是允許', '授予.{0,6}权限', '授予.{0,6}權限', '授权访问', '允许访问', '允許存取'],
    ja: ['拡張機能を追加', 'chrome に追加', '画面を共有', '常に許可', 'アクセスを許可', '権限を付与'],
  },
  actsWith: {
    verbs: {
      en: ['allow', 'grant', 'give', 'enable', 'turn on', 'share'], de: ['zulassen', 'erlauben', 'gewähren', 'aktivieren', 'freigeben', 'teilen'],
      fr: ['autoriser', 'accorder', 'activer', 'partager'], es: ['permitir', 'conceder', 'activar', 'compartir'], zh: ['允许', '允許', '授予', '授权', '开启', '啟用', '启用'], ja: ['許可', '付与', '有効', 'オンにする'],
    },
    objects: {
      en: ['camera', 'microphone', 'webcam', 'location', '(?:system )?audio', 'sound', 'notifications', 'screen', 'clipboard', 'contacts', 'permissions?', 'access', 'admin\\p{L}*'],
      de: ['kamera', 'mikrofon', 'standort', '(?:system)?audio', 'ton', 'benachrichtigungen', 'bildschirm', 'zwischenablage', 'berechtigung\\p{L}*', 'zugriff', 'admin\\p{L}*'],
      fr: ['caméra', 'micro(?:phone)?', 'position', 'audio', 'son', 'localisation', 'notifications', 'écran', 'presse.papiers', 'autorisations?', 'accès', 'admin\\p{L}*'],
      es: ['cámara', 'micrófono', 'ubicación', 'audio', 'sonido', 'notificaciones', 'pantalla', 'portapapeles', 'permisos?', 'acceso', 'admin\\p{L}*'],
      zh: ['摄像头', '相机', '音频', '音訊', '声音', '相機', '麦克风', '麥克風', '位置', '通知', '屏幕', '螢幕', '剪贴板', '权限', '權限', '访问', '存取', '管理员'],
      ja: ['カメラ', 'マイク', '音声', 'オーディオ', '位置情報', '通知', '画面', 'クリップボード', '権限', 'アクセス', '管理者'],
    },
  },
  context: {
    any: ['entire screen', 'whole screen', 'toda la pantalla', '(?:gesamter|ganzer) bildschirm', 'tout l.écran', '整个屏幕', '画面全体'],
    en: ['wants? to (?:use|access|know|show|see|record|control|read|change|install|add)', 'would like to (?:use|access|know|show|send|record)', '(?:use|access|turn on|record) (?:your |the )?(?:cameras?|microphones?|webcams?|location|screen)', 'wants? to$', 'camera (?:and|&) microphone', '(?:camera|microphone|webcam|location|notification|screen.?sharing|clipboard) (?:access|permissions?)', '(?:your|current|precise|exact) location', 'show notifications', 'share your screen', 'screen sharing', 'choose what to share', 'entire screen', 'screen recording', '(?:add|install) (?:the |this )?extension', '(?:browser )?extension (?:can|will|wants|requests)', 'permissions? (?:request|required|to)', 'request\\p{L}* (?:access|permission)', 'access to your', 'can read and change', 'read and change all your data', 'full disk access', 'accessibility access', 'admin(?:istrator)? (?:rights|role|access)'],
    de: ['möchte (?:auf|ihre|deine|ihren|deinen|zugreifen|folgendes)', '(?:kamera|mikrofon|webcam|standort|bildschirm)\\p{L}* (?:verwenden|nutzen|benutzen|sehen|teilen|freigeben|abrufen)', 'wählen sie (?:aus, )?was (?:sie )?(?:teilen|freigeben)', '(?:ihre|deine|die) (?:kamera|webcam)', '(?:ihr|dein|das) mikrofon', 'kamera (?:und|&) mikrofon', '(?:kamera|mikrofon|standort)(?:zugriff|berechtigung)', '(?:ihren|deinen) standort', 'benachrichtigungen anzeigen', 'bildschirm (?:teilen|freigeben)', 'erweiterung (?:hinzufügen|installieren)', 'berechtigung\\p{L}*', 'zugriff auf (?:ihre|deine|ihren|deinen)'],
    fr: ['souhaite (?:utiliser|accéder|connaître|afficher)', 'utiliser (?:votre |la )?(?:caméra|micro(?:phone)?|position)', 'choisissez ce que vous (?:\\p{L}+ )?partager', 'veut (?:utiliser|accéder|connaître)', '(?:votre|la) caméra', 'votre micro(?:phone)?', 'votre position', 'localisation', 'afficher des notifications', 'partager (?:votre|l.) ?écran', "(?:ajouter|installer) (?:l.|cette )extension", 'autorisations? (?:demandée|requise)', 'accès à (?:votre|vos)'],
    es: ['quiere (?:usar|acceder|conocer|mostrar|compartir)', 'elige (?:qué|lo que) (?:\\p{L}+ )?compartir', 'desea (?:usar|acceder|conocer)', '(?:usar|use|acceder a) (?:tu |su |la |el )?(?:cámara|micrófono|ubicación)', '(?:tu|su) (?:cámara|micrófono)', 'cámara y micrófono', 'tu ubicación', 'su ubicación', 'mostrar notificaciones', 'compartir (?:tu |la )?pantalla', '(?:agregar|añadir|instalar) (?:la |esta )?extensión', 'permisos? (?:solicitad|requerid)\\p{L}*', 'acceso a (?:tu|tus|su|sus)'],
    zh: ['想要使用', '想要访问', '想要(?:分享|共享)', '选择要(?:分享|共享)的', '選擇要(?:分享|共享)的', '想要存取', '请求使用', '请求访问', '要求使用', '(?:使用|访问|开启)(?:您的|你的)?(?:摄像头|相机|麦克风|麥克風|位置)', '摄像头和麦克风', '你的位置', '您的位置', '位置信息', '显示通知', '顯示通知', '共享屏幕', '共享螢幕', '添加扩展', '安装扩展', '扩展程序', '擴充功能', '权限', '權限'],
    ja: ['を使用しようとしています', '共有する(?:内容|画面|もの)を選択', 'へのアクセスを求めて', 'カメラ(?:を使用|へのアクセス|とマイク)', 'マイク(?:を使用|へのアクセス)', '位置情報', '通知を表示', '画面を共有', '画面共有', '拡張機能', '権限', 'アクセス許可'],
  },
  confirms: {
    any: ['share', 'compartir', 'teilen', 'partager', '共享', '共有'],
    en: ['allow', 'allow (?:once|always|this time|all|access|while .{1,40})', 'grant', 'share', 'add', 'install', 'enable', 'turn on', 'give access', 'yes,? allow'],
    de: ['zulassen', 'erlauben', 'gewähren', 'hinzufügen', 'teilen', 'freigeben', 'aktivieren', 'einmal zulassen'],
    fr: ['autoriser', 'accorder', 'ajouter', 'partager', 'activer', 'autoriser une fois'],
    es: ['permitir', 'conceder', 'agregar', 'añadir', 'compartir', 'activar', 'permitir una vez'],
    zh: ['允许', '允許', '授权', '授權', '授予', '添加', '共享', '分享', '启用', '啟用', '开启', '仅这一次'],
    ja: ['許可', '許可する', '追加', '共有', '有効にする', '今回のみ許可'],
  },
};
