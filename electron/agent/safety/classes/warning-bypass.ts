/** Bypasses a certificate, phishing or macro warning: "Proceed (unsafe)", "Accept the risk", "Enable content". */
import type { RiskClass } from './types.js';

export const warningBypass: RiskClass = {
  id: 'warning-bypass',
  does: 'goes past a security warning (an unsafe certificate, a deceptive site or document macros)',
  acts: {
    // Installing a root certificate trusts whoever holds its key: every warning it would raise goes.
    any: ['install (?:\\p{L}+ ){0,3}(?:root |ca )?certificates?', '\\S+\\.(?:crt|cer|pem|p7b)', '(?:root|ca).?zertifikat\\p{L}* (?:installieren|herunterladen)', 'zertifikat installieren', 'installer (?:le |un )?certificat(?: racine)?', 'instalar (?:el |un )?certificado(?: raíz)?', '(?:安装|下载).{0,10}(?:根)?证书', '(?:ルート)?証明書を(?:インストール|ダウンロード)'],
    en: ['proceed to .{1,80}\\(?unsafe\\)?', 'continue to .{1,80}\\(?unsafe\\)?', '\\(unsafe\\)', 'accept the risk(?: and continue)?', 'visit (?:this )?(?:unsafe )?site(?: anyway)?', 'continue anyway', 'proceed anyway', 'go to (?:the )?site anyway', 'ignore (?:this )?(?:warning|risk)', 'add exception', 'confirm security exception', 'enable (?:content|macros|editing)', 'enable all macros', 'allow (?:macros|active content)', 'trust (?:this )?document', 'thisisunsafe', 'badidea', 'this is unsafe'],
    de: ['weiter zu .{1,80}\\(unsicher\\)', '\\(unsicher\\)', 'risiko akzeptieren(?: und fortfahren)?', 'trotzdem (?:fortfahren|weiter|besuchen)', 'warnung ignorieren', 'ausnahme hinzufügen', 'inhalt aktivieren', 'makros aktivieren', 'bearbeitung aktivieren', 'dokument vertrauen'],
    fr: ['continuer vers .{1,80}\\(dangereux\\)', '\\(dangereux\\)', '\\(non sécurisé\\)', 'accepter le risque(?: et poursuivre)?', 'continuer quand même', 'ignorer (?:l.|cet )?avertissement', 'ajouter une exception', 'activer le contenu', 'activer les macros', "activer la modification"],
    es: ['acceder a .{1,80}\\(sitio no seguro\\)', '\\(sitio no seguro\\)', '\\(no seguro\\)', 'aceptar el riesgo(?: y continuar)?', 'continuar de todos modos', 'continuar de todas formas', 'ignorar (?:la |esta )?advertencia', 'añadir excepción', 'agregar excepción', 'habilitar (?:el )?contenido', 'habilitar (?:las )?macros', 'habilitar (?:la )?edición'],
    zh: ['继续前往.{1,80}（不安全）', '继续前往.{1,80}\\(不安全\\)', '（不安全）', '\\(不安全\\)', '接受风险并继续', '接受風險並繼續', '仍然继续', '忽略警告', '添加例外', '启用内容', '啟用內容', '启用宏', '啟用巨集', '启用编辑'],
    ja: ['にアクセスする（安全ではありません）', '（安全ではありません）', '\\(安全ではありません\\)', '危険性を承知で続行', 'リスクを承知で続行', '警告を無視', '例外を追加', 'コンテンツの有効化', 'コンテンツを有効にする', 'マクロを有効', '編集を有効'],
  },
  context: {
    en: ['your connection is not private', 'certificate (?:is )?(?:not valid|invalid|expired|error|not trusted|untrusted)', 'net::err_cert', 'err_cert_\\p{L}+', 'sec_error_\\p{L}+', 'security certificate', 'potential security risk', 'deceptive site', 'dangerous site', 'phishing', 'attackers might be trying', 'macros have been disabled', 'security warning', 'protected view', 'active content', 'this site (?:may|might|could) (?:harm|steal)', 'certificate (?:is )?not trusted', 'can.?not verify (?:the )?server(?:.s)? certificate'],
    de: ['verbindung ist nicht privat', 'zertifikat (?:ist )?(?:ungültig|abgelaufen|nicht vertrauenswürdig)', 'potenzielles sicherheitsrisiko', 'betrügerische website', 'gefährliche website', 'makros wurden deaktiviert', 'sicherheitswarnung', 'geschützte ansicht', 'zertifikat (?:\\p{L}+ ){0,3}nicht (?:überprüft|verifiziert)'],
    fr: ["votre connexion n.est pas privée", 'certificat (?:non valide|invalide|expiré|non approuvé)', 'risque probable de sécurité', 'site trompeur', 'site dangereux', 'les macros ont été désactivées', 'avertissement de sécurité', 'mode protégé', 'impossible de vérifier le certificat'],
    es: ['la conexión no es privada', 'tu conexión no es privada', 'certificado (?:no válido|caducado|no es de confianza)', 'posible riesgo de seguridad', 'sitio engañoso', 'sitio peligroso', 'las macros se han deshabilitado', 'advertencia de seguridad', 'vista protegida', 'no se puede verificar el certificado', 'certificado no fiable', 'no se pudo verificar el certificado'],
    zh: ['您的连接不是私密连接', '你的连接不是私密连接', '連線不是私人連線', '证书无效', '证书已过期', '憑證無效', '潜在的安全风险', '欺骗性网站', '危险网站', '宏已被禁用', '巨集已停用', '安全警告', '受保护的视图', '证书不受信任', '无法验证服务器证书'],
    ja: ['この接続ではプライバシーが保護されません', '証明書が無効', '証明書の有効期限', '潜在的なセキュリティリスク', '偽のサイト', '危険なサイト', 'マクロが無効', 'セキュリティの警告', '保護ビュー', 'サーバー証明書を検証できません', '証明書が信頼されていません'],
  },
  confirms: {
    en: ['proceed', 'continue', 'enable', 'accept', 'trust'], de: ['fortfahren', 'aktivieren', 'akzeptieren', 'vertrauen'], fr: ['poursuivre', 'activer', 'accepter'],
    es: ['continuar', 'habilitar', 'aceptar'], zh: ['继续', '繼續', '启用', '接受'], ja: ['続行', '有効', '承諾'],
  },
};
