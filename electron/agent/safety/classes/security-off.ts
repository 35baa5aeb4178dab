/** Lowers security: switches off a firewall, antivirus, safe browsing, two-step verification, encryption, updates. */
import type { RiskClass, Vocab } from './types.js';

/** Protections, by language: what the verbs below switch off. */
const protections: Vocab = {
  en: ['firewall', 'anti.?virus', 'virus (?:and threat )?protection', 'defender', 'protection', 'security', 'safe ?browsing', 'smart ?screen', 'gatekeeper', 'two.?step', 'two.?factor', '2fa', 'spi', 'mfa', '2.?sv', '2.?step', 'encryption', 'bitlocker', 'file ?vault', '(?:automatic|security) updates', 'real.?time', 'tamper', 'sandbox', 'screen ?lock', 'lock ?screen', 'uac', 'user account control', 'system integrity', 'pop.?up blocker', 'https.only', 'malware', 'phishing', 'scanning', 'login alerts', 'verification', 'passcode', 'password requirement'],
  de: ['firewall', 'virenschutz', 'echtzeitschutz', 'schutz\\p{L}*', '\\p{L}*schutz', 'sicherheit\\p{L}*', 'defender', 'zwei.?faktor\\p{L}*', 'zweistufig\\p{L}*', 'bestätigung in zwei schritten', 'verschlüsselung', 'sicheres browsen', 'bildschirmsperre', '(?:automatische|sicherheits)updates', 'automatische updates', 'benutzerkontensteuerung', 'smart ?screen'],
  fr: ['pare.?feu', 'antivirus', 'protection', 'sécurité', 'navigation sécurisée', 'double authentification', 'authentification à deux facteurs', 'validation en deux étapes', 'chiffrement', 'mises à jour (?:automatiques|de sécurité)', 'temps réel', 'verrouillage', 'contrôle de compte', 'smart ?screen'],
  es: ['cortafuegos', 'firewall', 'antivirus', 'protección', 'seguridad', 'navegación segura', 'verificación en dos pasos', 'autenticación de dos factores', 'cifrado', 'actualizaciones (?:automáticas|de seguridad)', 'tiempo real', 'bloqueo de pantalla', 'control de cuentas', 'smart ?screen'],
  zh: ['防火墙', '防火牆', '杀毒', '防病毒', '病毒防护', '病毒防護', '实时保护', '即時保護', '实时防护', '安全', '保护', '保護', '防护', '防護', '两步验证', '兩步驗證', '双重验证', '雙重驗證', '二次验证', '加密', '自动更新', '自動更新', '安全浏览', '安全瀏覽', '用户账户控制', '使用者帳戶控制', '用戶帳戶控制'],
  ja: ['ファイアウォール', 'ウイルス対策', 'アンチウイルス', 'リアルタイム保護', '保護', 'セキュリティ', '二段階認証', '2段階認証', '暗号化', '自動更新', 'セーフ ?ブラウジング', '画面ロック', 'ユーザー ?アカウント制御'],
};

export const securityOff: RiskClass = {
  id: 'security-off',
  does: 'lowers your security (switches off a firewall, virus protection, safe browsing, two-step sign-in, encryption or updates)',
  acts: {
    // Choosing to be unprotected: "No protection", "不保护", "保護しない", "Ohne Schutz", "Sans protection".
    any: ['(?:no|without|kein\\p{L}*|ohne|nicht|sans|aucune?|ne pas|sin|no) (?:\\p{L}+ )?(?:protection|protect|schutz|schützen|protéger|protección|proteger)', '(?:不|无|無|没有|無し)(?:保护|保護|防护|防護)', '保護(?:しない|なし)', 'allow (?:apps|applications|software) from (?:any|all|unknown|anywhere)\\p{L}*(?: \\p{L}+){0,2}', 'allow all incoming (?:connections|traffic)', 'exclude (?:\\S+ ){1,4}from (?:scanning|scans|protection|the scan)', 'add (?:an )?exclusion', 'apps aus (?:allen|unbekannten|beliebigen) quellen (?:zulassen|erlauben)', 'alle eingehenden verbindungen (?:zulassen|erlauben)', 'von der (?:prüfung|überprüfung|überwachung|scan\\p{L}*) ausschließen', 'ausnahme hinzufügen', 'autoriser (?:les )?applications de (?:toute|toutes|n.importe quelle) (?:origine|provenance|source)s?', 'autoriser toutes les connexions entrantes', 'exclure (?:\\S+ ){1,4}de l.analyse', 'ajouter une exclusion', 'permitir aplicaciones de cualquier (?:origen|fuente)', 'permitir todas las conexiones entrantes', 'excluir (?:\\S+ ){1,4}del (?:análisis|escaneo)', '(?:agregar|añadir) (?:una )?exclusión', '允许(?:安装)?(?:任何|所有|未知)来源', '允许所有(?:传入|入站)连接', '从扫描中排除', '添加排除项', '(?:すべての|任意の)提供元', 'すべての受信接続を許可', 'スキャンから除外', '除外を追加', 'aussch(?:luss|lüsse) hinzufügen', '(?:updates?|windows update) (?:für \\d+ \\p{L}+ )?(?:pausieren|aussetzen)', 'pause (?:\\p{L}+ )?updates', 'suspendre les mises à jour', 'pausar (?:las )?actualizaciones', '暂停更新', '更新を一時停止', 'exclude (?:\\S+ ){1,4}from (?:all |any |every )?(?:scanning|scans?|protection|the scan)', '(?:von|aus) (?:allen |jeder )?(?:prüfung|überprüfung|überwachung|scans?) ausschließen', 'exclure (?:\\S+ ){1,4}de (?:toutes les )?(?:analyses?|l.analyse)', 'excluir (?:\\S+ ){1,4}de (?:todos los )?(?:análisis|escaneos?)'],
    en: ['allow (?:unsafe|insecure|unverified|untrusted) (?:\\p{L}+ )?(?:content|apps|sources|downloads|sites|connections)', 'install from unknown sources', 'unknown sources', 'trust this (?:certificate|developer|computer)', 'always trust', 'disable all', 'no protection', 'not protected'],
    de: ['unbekannte quellen', 'diesem zertifikat vertrauen', 'immer vertrauen', 'alle deaktivieren', 'kein schutz'],
    fr: ['sources inconnues', 'faire confiance à ce certificat', 'toujours faire confiance', 'tout désactiver', 'aucune protection'],
    es: ['orígenes desconocidos', 'fuentes desconocidas', 'confiar en este certificado', 'confiar siempre', 'desactivar todo', 'sin protección'],
    zh: ['未知来源', '未知來源', '信任此证书', '信任此憑證', '始终信任', '全部禁用', '全部停用', '无保护'],
    ja: ['提供元不明', '不明なソース', 'この証明書を信頼', '常に信頼', 'すべて無効', '保護なし'],
  },
  actsWith: {
    verbs: {
      en: ['turn(?:ing)? off', 'switch(?:ing)? off', 'disabl\\p{L}*', 'deactivat\\p{L}*', 'paus\\p{L}*', 'suspend\\p{L}*', 'bypass\\p{L}*', 'stop', 'lower', 'reduce', 'remove', 'off', 'skip', 'snooze'],
      de: ['deaktivier\\p{L}*', 'ausschalt\\p{L}*', 'ausschalten', 'abschalt\\p{L}*', 'pausier\\p{L}*', 'aus', 'umgeh\\p{L}*', 'senken', 'entfernen', 'anhalten'],
      fr: ['désactiv\\p{L}*', 'couper', 'suspendre', 'arrêter', 'contourner', 'réduire', 'supprimer', 'mettre en pause'],
      es: ['desactiv\\p{L}*', 'apagar', 'pausar', 'detener', 'omitir', 'reducir', 'suspender', 'quitar'],
      zh: ['关闭', '關閉', '禁用', '停用', '暂停', '暫停', '绕过', '繞過', '降低', '移除'],
      ja: ['オフ', '無効', '停止', '一時停止', '解除', '回避', '下げる'],
    },
    objects: protections,
  },
  verbOnControl: true,
  context: {
    en: ['(?:turn|switch)(?:ing)? off (?:\\p{L}+ ){0,3}(?:protection|firewall|defender|antivirus|safe browsing)', '(?:install|allow) (?:apps )?from unknown sources', 'unknown (?:sources|apps)', 'unverified apps', 'your (?:device|computer|pc|mac) (?:will be|is) (?:vulnerable|unprotected|at risk)', 'less secure', 'security (?:will be|is) (?:lowered|reduced|disabled)'],
    de: ['(?:gerät|computer|pc) (?:ist|wird) (?:ungeschützt|angreifbar)', 'unbekannte(?:n)? (?:quellen|apps)', 'weniger sicher'],
    fr: ['(?:appareil|ordinateur) (?:sera|est) (?:vulnérable|non protégé)', '(?:sources|applications) inconnues', 'moins sécurisé'],
    es: ['(?:dispositivo|equipo) (?:será|estará|está) (?:vulnerable|desprotegido)', '(?:orígenes|fuentes|aplicaciones) desconocid[oa]s', 'menos seguro'],
    zh: ['设备将不受保护', '未知来源', '未知應用', '未知应用', '电脑将不受保护', '不受保护', '不安全', '降低安全'],
    ja: ['保護されなくなります', '提供元不明', '不明なアプリ', '安全性が低下', '安全性が低く'],
  },
  confirms: {
    en: ['turn off', 'disable', 'switch off', 'pause'], de: ['ausschalten', 'deaktivieren'], fr: ['désactiver'], es: ['desactivar', 'apagar'], zh: ['关闭', '關閉', '禁用', '停用'], ja: ['オフにする', '無効にする'],
  },
  toggles: {
    any: ['block dangerous (?:and deceptive )?(?:content|downloads)', 'bloquer les (?:contenus|téléchargements) dangereux(?: et trompeurs)?', 'gefährliche (?:und \\p{L}+ )?(?:inhalte|downloads) blockieren', 'bloquear (?:el )?contenido peligroso', '阻止危险.{0,6}(?:内容|下载)', '危険な.{0,8}をブロック'],
    en: ['firewall', '(?:microsoft )?defender(?: \\p{L}+){0,2}', 'real.?time protection', 'virus (?:and threat )?protection', 'cloud.?delivered protection', 'tamper protection', 'safe ?browsing(?: \\p{L}+){0,2}', 'smart ?screen', 'two.?(?:step|factor) (?:verification|authentication)', '2fa', 'encryption', 'automatic updates', 'pop.?up blocker', 'https.only mode'],
    de: ['firewall', 'echtzeitschutz', 'virenschutz', 'manipulationsschutz', 'sicheres browsen', 'zwei.?faktor.?authentifizierung', 'verschlüsselung', 'automatische updates'],
    fr: ['pare.?feu', 'protection en temps réel', 'protection antivirus', 'navigation sécurisée', 'double authentification', 'chiffrement', 'mises à jour automatiques'],
    es: ['cortafuegos', 'firewall', 'protección en tiempo real', 'protección antivirus', 'navegación segura', 'verificación en dos pasos', 'cifrado', 'actualizaciones automáticas'],
    zh: ['防火墙', '防火牆', '实时保护', '即時保護', '病毒防护', '安全浏览', '两步验证', '加密', '自动更新'],
    ja: ['ファイアウォール', 'リアルタイム保護', 'ウイルス対策', 'セーフ ?ブラウジング', '二段階認証', '暗号化', '自動更新'],
  },
};
