/**
 * Goal scope: a goal that only asks to look ("Check whether my laptop is compliant", "Wie hoch ist mein
 * Kontostand?", "查一下我这个月的账单") never needs a step that changes something. Under such a goal, a step that
 * neither moves around (opens, views, goes back, dismisses), nor names what the goal names, is out of scope:
 * it needs the person's own confirmation, whatever its label says.
 *
 * Why this and not more class vocabulary: the words for harmful acts are an open set (every product and language
 * has new ones, and attack pages pick the ones a list lacks), while the words for looking and moving around are a
 * small closed set. An injected page's step is, by construction, not what the person asked for; with a look-only
 * goal, "not looking" is enough to tell. With a goal that asks to act ("reply to the ticket", "install the
 * driver"), this rule stays out and the classes decide.
 * Invariant: this only ever adds reasons.
 */
import { foldText, vocabRe } from './fold-text.js';
import type { Vocab } from './classes/types.js';
import { navigationShape } from './nav-label.js';
import { searchField } from './provenance.js';

/** Words of a goal that asks to look, find, read or be told (imperatives and question words). */
const LOOK: Vocab = {
  en: ['check', 'look', 'see', 'show', 'find', 'read', 'view', 'tell', 'open', 'go to', 'what', 'how', 'which', 'when', 'where', 'why', 'who', 'whether', 'list', 'count', 'summari[sz]e', 'preview', 'watch', 'browse', 'look up', 'search', 'is there', 'are there', 'do i have', 'does'],
  de: ['zeig\\p{L}*', 'schau\\p{L}*', 'sieh', 'siehe', 'lies', 'lese', 'prüf\\p{L}*', 'öffne', 'finde', 'such\\p{L}*', 'nachsehen', 'wie', 'was', 'welche\\p{L}*', 'wann', 'wo', 'warum', 'wer', 'ob', 'sag mir', 'nenn\\p{L}*', 'zähl\\p{L}*', 'geh auf', 'fasse? (?:\\p{L}+ ){0,4}zusammen'],
  fr: ['montre\\p{L}*', 'regarde\\p{L}*', 'lis', 'lisez', 'vérifie\\p{L}*', 'ouvre\\p{L}*', 'trouve\\p{L}*', 'cherche\\p{L}*', 'affiche\\p{L}*', 'consulte\\p{L}*', 'va sur', 'allez sur', 'dis-moi', 'dites-moi', 'combien', 'quel\\p{L}*', 'quand', 'où', 'pourquoi', 'qui', 'est-ce que', 'compte\\p{L}*', 'résume\\p{L}*'],
  es: ['muestra\\p{L}*', 'muéstrame', 'enséñame', 'mira', 'mire', 'lee', 'lea', 'revisa', 'revise', 'comprueba', 'compruebe', 'consulta', 'abre', 'abra', 'busca', 'encuentra', 'dime', 'cuánto\\p{L}*', 'cuánta\\p{L}*', 'cuál\\p{L}*', 'qué', 'cuándo', 'dónde', 'por qué', 'quién', 'si', 'cuenta', 'resume', 've a', 'entra(?: en)?', 'accede(?: a)?'],
  zh: ['查看', '看看', '看一下', '查一下', '查询', '查', '打开', '显示', '告诉我', '多少', '什么', '哪些', '哪个', '几', '是否', '有没有', '读', '阅读', '找', '搜索', '列出', '总结', '概括', '浏览'],
  ja: ['確認', '見せて', '見て', '見る', '読んで', '読む', '開いて', '開く', '表示', '調べ', '教えて', '検索', '要約', 'どこ', 'いくら', 'いくつ', '何', 'どの', 'いつ', 'かどうか', '一覧', '探して'],
};

/**
 * Words of a goal that asks to change something (send, pay, install, join, sign in, save, delete...): such a goal
 * may need steps that act, and the classes judge them. Stems, so that every form of the verb counts.
 */
const ACT: Vocab = {
  en: ['join', 'convert', 'install', 'run', 'turn (?:on|off)', 'enable', 'disable', 'scan (?:the|my|a|this|all|for)', 'sort', 'fix', 'save', 'restore', 'download', 'upload', 'send', 'reply', 'ask', 'write', 'draft', 'type', 'enter', 'press', 'sign in', 'log in', 'sign up', 'register', 'apply', 'pay', 'buy', 'book (?:it|a|an|the|me)', 'delete', 'remove', 'clear', 'empty', 'cancel', 'close', 'rename', 'update', 'change', 'set up', 'set \\p{L}+(?: \\p{L}+){0,3} to', 'add', 'create', 'make', 'accept', 'decline', 'refuse', 'block', 'allow', 'start', 'launch', 'connect', 'share', 'publish', 'print', 'back up', 'move', 'mark', 'subscribe', 'unsubscribe', 'edit', 'fill', 'submit', 'go back', 'dismiss', 'reject', 'clean', 'free up', 'export', 'import', 'transfer', 'approve', 'confirm', 'reset', 'scroll', 'upgrade', 'downgrade', 'optimi[sz]e', 'boost', 'repair', 'renew', 'trust', 'sync', 'authori[sz]e', 'grant', 'revoke', 'unlock', 'activate', 'deactivate', 'purge', 'wipe', 'erase', 'discard', 'overwrite', 'replace', 'merge', 'deploy', 'release', 'redeem', 'claim', 'verify'],
  de: ['tritt', 'beitreten', 'konvertier\\p{L}*', 'installier\\p{L}*', 'führe', 'ausführen', 'aktivier\\p{L}*', 'deaktivier\\p{L}*', 'speichere', 'speichern', 'sichere', 'lade', 'herunterladen', 'hochladen', 'sende', 'senden', 'schick\\p{L}*', 'antworte\\p{L}*', 'frag', 'schreib\\p{L}*', 'tippe', 'gib', 'drücke', 'drücken', 'melde', 'anmelden', 'bezahle\\p{L}*', 'zahle', 'kaufe', 'bestelle', 'buche', 'lösch\\p{L}*', 'entfern\\p{L}*', 'leere', 'schließ\\p{L}*', 'ändere', 'ändern', 'setz\\p{L}*', 'füg\\p{L}*', 'erstell\\p{L}*', 'nimm', 'annehmen', 'ablehnen', 'blockier\\p{L}*', 'erlaub\\p{L}*', 'starte\\p{L}*', 'verbinde', 'teile', 'veröffentlich\\p{L}*', 'drucke', 'drucken', 'kopier\\p{L}*', 'verschieb\\p{L}*', 'trag\\p{L}*', 'sortier\\p{L}*', 'benenn\\p{L}*', 'aktualisier\\p{L}*', 'bestätig\\p{L}*', 'zurücksetz\\p{L}*', 'scroll\\p{L}*', 'abonnier\\p{L}*', 'vertrau\\p{L}*'],
  fr: ['rejoin\\p{L}*', 'convertis', 'convertir', 'installe\\p{L}*', 'lance\\p{L}*', 'exécute\\p{L}*', 'active\\p{L}*', 'désactive\\p{L}*', 'enregistre\\p{L}*', 'sauvegarde\\p{L}*', 'télécharge\\p{L}*', 'envoie\\p{L}*', 'envoyer', 'réponds', 'répondre', 'demande\\p{L}*', 'écris', 'écrire', 'rédige\\p{L}*', 'tape\\p{L}*', 'saisis', 'appuie', 'connecte\\p{L}*', 'inscris', 'paie', 'paye\\p{L}*', 'payer', 'achète\\p{L}*', 'réserve', 'supprime\\p{L}*', 'efface\\p{L}*', 'vide', 'vider', 'libère\\p{L}*', 'ferme\\p{L}*', 'annule\\p{L}*', 'renomme\\p{L}*', 'modifie\\p{L}*', 'change\\p{L}*', 'ajoute\\p{L}*', 'crée\\p{L}*', 'accepte\\p{L}*', 'refuse\\p{L}*', 'bloque\\p{L}*', 'autorise\\p{L}*', 'démarre\\p{L}*', 'partage\\p{L}*', 'publie\\p{L}*', 'imprime\\p{L}*', 'copie\\p{L}*', 'déplace\\p{L}*', 'trie\\p{L}*', 'mets', 'mettre', 'fais', 'faire', 'quitte\\p{L}*', 'fais défiler', 'abonne\\p{L}*', 'faire confiance', 'fais confiance'],
  es: ['únete', 'unirse', 'convierte', 'instala\\p{L}*', 'ejecuta\\p{L}*', 'activa', 'activar', 'desactiva', 'desactivar', 'guarda\\p{L}*', 'descarga', 'descargar', 'sube', 'envía\\p{L}*', 'manda\\p{L}*', 'responde\\p{L}*', 'pregunta', 'preguntale', 'escribe\\p{L}*', 'redacta\\p{L}*', 'teclea', 'pulsa', 'inicia\\p{L}*', 'paga\\p{L}*', 'compra', 'comprar', 'pide', 'reserva', 'reservar', 'borra', 'borrar', 'elimina\\p{L}*', 'vacía', 'cierra\\p{L}*', 'cancela\\p{L}*', 'renombra\\p{L}*', 'cambia\\p{L}*', 'actualiza\\p{L}*', 'añade', 'agrega', 'crea\\p{L}*', 'acepta\\p{L}*', 'rechaza\\p{L}*', 'bloquea\\p{L}*', 'permite', 'conecta\\p{L}*', 'comparte', 'publica', 'publicar', 'imprime', 'copia\\p{L}*', 'mueve', 'ordena', 'apunta', 'anota', 'aplica', 'haz', 'hazme', 'sal', 'vuelve', 'suscrib\\p{L}*', 'confiar', 'confía'],
  zh: ['加入', '转换', '安装', '运行', '执行', '启用', '禁用', '关闭', '保存', '下载', '上传', '发送', '回复', '询问', '问一下', '输入', '登录', '注册', '支付', '付款', '购买', '预订', '订购', '删除', '清空', '清理', '取消', '重命名', '修改', '更改', '设为', '设置为', '添加', '创建', '接受', '拒绝', '允许', '启动', '分享', '发布', '打印', '复制', '移动', '整理', '排序', '备份', '把', '开通', '開通', '订阅', '信任'],
  ja: ['(?:参加|変換|インストール|実行|有効に|無効に|保存|ダウンロード|アップロード|送信|返信|入力|ログイン|サインイン|登録|支払|購入|注文|予約|削除|変更|設定|追加|作成|承認|拒否|ブロック|許可|起動|接続|共有|公開|投稿|印刷|コピー|移動|並べ替え|バックアップ|記録|記入)(?:して(?!い|お)|する|しよう|を(?:して|する))', '送って', '書いて', '消して', '閉じて', '空にして', '払って', '買って', '入れて', '変えて', '替えて', '直して', '切り替えて'],
};

/**
 * Labels of steps that look or move around: open a view, go back, dismiss, page, expand, search, sort, undo a
 * mistake. Whole labels (a trailing count "(3)" or ellipsis allowed), so "Show and delete" is not one.
 */
const MOVE: Vocab = {
  en: ['(?:view|show|see|open|read|watch|preview|expand|browse)(?: \\p{L}+){0,3}', 'details?', 'more', 'more info', '(?:read|learn|see|show) more(?: about(?: \\p{L}+){1,4})?', 'advanced(?: settings| options)?', 'back', 'go back', 'back to \\p{L}+(?: \\p{L}+){0,3}', 'previous', 'next page', 'home', 'menu', 'help', 'overview', 'cancel', 'close', 'dismiss', 'no', 'no thanks', 'not now', 'later', 'remind me later', 'skip', 'reject all', 'decline', 'deny', 'block', "don.?t allow", 'never', 'hide(?: \\p{L}+){0,3}', 'collapse', 'search', 'filter', 'refresh', 'reload', 'sort(?: by \\p{L}+)?', 'compare(?: \\p{L}+){0,2}', 'stay', 'next \\p{L}+', 'mark(?: all)? as read', 'today', 'this (?:week|month|year)', 'last (?:week|month|year|\\d+ days)', 'all', '\\p{L}+ (?:forecast|history|overview|summary|details|report|statistics|activity)', 'manage(?: \\p{L}+){0,3}', 'continue reading', 'general', 'scroll(?: up| down| to (?:the )?\\p{L}+)?', 'focus(?: (?:the )?\\p{L}+)?', 'keep (?:\\p{L}+ )?(?:on|enabled|protected)', 'tomorrow', 'yesterday', '(?:january|february|march|april|may|june|july|august|september|october|november|december)(?: \\d+)?', '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)', 'zoom(?: in| out)?', 'keep (?:it )?(?:disabled|blocked|off|turned off)', 'usage', 'storage', 'stats', 'analytics', 'logs?', 'backups', 'reviews', 'ratings', 'markets?', 'prices', 'orders', 'invoices', 'payments', 'transactions', 'statements', 'contacts', 'photos', 'albums', 'calendar', 'network', 'wi-?fi', 'bluetooth', 'display', 'sound', 'apps', 'users', 'members', 'teams', 'projects', 'repositories', 'branches', 'commits', 'issues', 'pull requests', 'builds', 'jobs', 'plans?', 'billing', 'file', 'edit', 'view', 'settings', 'security', 'privacy', 'account', 'profile', 'inbox', 'dashboard', 'status', 'activity', 'history', 'devices', 'notifications', 'messages', 'documents', 'files', 'reports', 'tools', 'window', 'copy(?: \\p{L}+){0,2}', 'track(?:ing)?(?: (?:package|parcel|order|shipment|delivery))?', '(?:search|find)(?: (?:in|on|for|within) \\p{L}+(?: \\p{L}+){0,2})?', 'filter by \\p{L}+', 'expand(?: \\p{L}+){0,3}', 'collapse(?: \\p{L}+){0,2}', 'switch to (?:\\p{L}+ ){0,2}view', '(?:list|grid|table|compact|card|calendar) view', '(?:view|more) options', '(?:select all|\\(select all\\))', 'remind me (?:later|tomorrow|in \\p{L}+(?: \\p{L}+)?)', 'got it', 'maybe later', 'outline', 'day', 'week', 'month', 'year', 'wallet', 'data', 'budget', 'rooms', 'luggage', 'baggage', 'time off', 'preview', '(?:table of )?contents', 'pinned(?: \\p{L}+)?', 'zoom \\d+ ?%?', 'unread', 'third.party apps', 'all (?:notes|files|messages|mails?|photos|devices|orders|items|apps)'],
  de: ['(?:\\p{L}+ ){0,3}(?:anzeigen|ansehen|öffnen|lesen)', 'details', 'mehr', 'mehr erfahren(?: \\p{L}+){0,4}', 'weiterlesen', 'erweitert', 'erweiterte einstellungen', 'zurück(?: \\p{L}+){0,3}', 'übersicht', 'startseite', 'menü', 'hilfe', 'abbrechen', 'schließen', 'nein', 'nein danke', 'nicht jetzt', 'später', 'überspringen', 'alle ablehnen', 'ablehnen', 'blockieren', 'nicht erlauben', '(?:\\p{L}+ ){0,2}ausblenden', 'suchen', 'filtern', 'aktualisieren', 'sortieren', 'vergleichen', '(?:nächste|weitere)[nrs]? \\p{L}+', '(?:\\p{L}+ ){0,2}verwalten', 'allgemein', 'verlauf', 'nach (?:oben|unten) (?:scrollen|blättern)', '(?:\\p{L}+ )?(?:eingeschaltet|aktiviert|aktiv) lassen', 'morgen', 'gestern', '(?:januar|februar|marz|april|mai|juni|juli|august|september|oktober|november|dezember)', '(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)', 'vergrößern', 'verkleinern', '(?:weiterhin )?deaktiviert lassen', 'blockiert lassen', 'nutzung', 'speicher', 'protokolle?', 'bewertungen', 'rechnungen', 'zahlungen', 'umsätze', 'netzwerk', 'wlan', 'heute', 'diese (?:woche|monat)', 'diesen monat', 'letzte[nrs]? (?:woche|monat|jahr)', 'alle', '(?:alle )?als gelesen markieren', 'datei', 'bearbeiten', 'ansicht', 'einstellungen', 'sicherheit', 'datenschutz', 'konto', 'profil', 'posteingang', 'status', 'aktivität', 'verlauf', 'geräte', 'benachrichtigungen', 'nachrichten', 'dokumente', 'dateien', 'berichte', 'extras', 'fenster', 'kopieren', '(?:sendung|paket|bestellung) verfolgen', 'sendungsverfolgung', '(?:in \\p{L}+ )?suchen', 'suche', '(?:alle )?(?:aufklappen|einklappen|ausklappen)', 'später erinnern', 'erinnere mich später', 'verstanden', 'listenansicht', 'ansichtsoptionen', 'weitere optionen', 'tag', 'woche', 'monat', 'jahr', 'räume', 'daten', 'haushaltsbuch', 'gepäck', 'abwesenheiten', 'vorschau', 'inhalt(?:sverzeichnis)?', 'angeheftet\\p{L}*(?: \\p{L}+)?', 'zoom \\d+ ?%?', 'ungelesen\\p{L}*', 'heimnetz(?:werk)?', 'durchsuchen', 'alle (?:notizen|dateien|nachrichten|mails|fotos|geräte|bestellungen|elemente|apps)', '\\p{L}+details'],
  fr: ['(?:voir|afficher|ouvrir|lire|consulter)(?: \\p{L}+){0,4}', 'détails', 'plus', "en savoir plus(?: \\p{L}+){0,4}", 'lire la suite', 'informations complémentaires', 'avancé', 'paramètres avancés', 'retour(?: \\p{L}+){0,4}', 'précédent', 'accueil', 'menu', 'aide', 'annuler', 'fermer', 'non', 'non merci', 'pas maintenant', 'plus tard', 'ignorer', 'tout refuser', 'refuser', 'bloquer', 'ne pas autoriser', 'masquer(?: \\p{L}+){0,3}', 'rechercher', 'filtrer', 'actualiser', 'trier(?: \\p{L}+){0,3}', 'comparer', '\\p{L}+ suivante?', 'gérer(?: \\p{L}+){0,3}', 'continuer (?:la )?lecture', 'général', 'faire défiler(?: vers le (?:haut|bas))?', 'laisser (?:\\p{L}+ )?(?:activée?s?|allumée?s?)', 'demain', 'hier', '(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)', '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)', 'zoom(?:er)?', 'agrandir', 'laisser (?:désactivé|bloqué)e?s?', 'utilisation', 'stockage', 'journaux', 'avis', 'factures', 'paiements', 'réseau', "aujourd.hui", 'cette semaine', 'ce mois(?:-ci)?', 'le mois dernier', 'tout', 'tous', '(?:tout )?marquer comme lu', 'fichier', 'édition', 'affichage', 'paramètres', 'réglages', 'sécurité', 'confidentialité', 'compte', 'profil', 'boîte de réception', 'tableau de bord', 'état', 'activité', 'historique', 'appareils', 'notifications', 'messages', 'documents', 'fichiers', 'rapports', 'outils', 'fenêtre', 'copier', 'suivre(?: (?:mon|le|ma|la) \\p{L}+)?', 'rechercher(?: (?:dans|sur) (?:\\p{L}+ ){0,2}\\p{L}+)?', '(?:tout )?(?:déplier|replier)', 'refuser tout', 'plus d.options', 'vue (?:liste|grille)', 'rappeler plus tard', 'me le rappeler (?:plus tard|demain)', 'compris', 'zoom (?:avant|arrière)', 'jour', 'semaine', 'mois', 'année', 'portefeuille', 'pièces', 'bagages', 'données', 'aperçu', 'sommaire', 'table des matières', 'épinglé\\p{L}*(?: \\p{L}+)?', 'zoom \\d+ ?%?', 'non lus?', 'parcourir', 'tou(?:te)?s les (?:notes|fichiers|messages|e-?mails|photos|appareils|commandes|éléments|applications)', 'détails d[eu]s? \\p{L}+'],
  es: ['(?:ver|mostrar|abrir|leer|consultar)(?: \\p{L}+){0,4}', 'detalles', 'más', 'más información(?: \\p{L}+){0,4}', 'leer más', 'avanzado', 'configuración avanzada', 'volver(?: \\p{L}+){0,4}', 'atrás', 'anterior', 'inicio', 'menú', 'ayuda', 'cancelar', 'cerrar', 'no', 'no, gracias', 'ahora no', 'más tarde', 'omitir', 'rechazar todo', 'rechazar', 'bloquear', 'no permitir', 'ocultar(?: \\p{L}+){0,3}', 'buscar', 'filtrar', 'actualizar', 'ordenar(?: \\p{L}+){0,3}', 'comparar', '\\p{L}+ siguiente', '(?:gestionar|administrar)(?: \\p{L}+){0,3}', 'seguir leyendo', 'general', 'desplazar(?:se)?(?: hacia (?:arriba|abajo))?', 'mantener (?:\\p{L}+ )?(?:activad|habilitad|encendid)[oa]s?', 'mañana', 'ayer', '(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)', '(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)', 'ampliar', 'zoom', 'mantener (?:deshabilitad|desactivad|bloquead)[oa]s?', 'uso', 'almacenamiento', 'registros', 'reseñas', 'facturas', 'pagos', 'red', 'hoy', 'esta semana', 'este mes', 'el mes pasado', 'todo', 'todos', '(?:marcar|marcar todo) como leído', 'archivo', 'editar', 'vista', 'configuración', 'ajustes', 'seguridad', 'privacidad', 'cuenta', 'perfil', 'bandeja de entrada', 'panel', 'estado', 'actividad', 'historial', 'dispositivos', 'notificaciones', 'mensajes', 'documentos', 'archivos', 'informes', 'herramientas', 'ventana', 'copiar', 'seguimiento(?: del (?:envío|pedido|paquete))?', 'seguir (?:envío|pedido)', 'buscar(?: (?:en|dentro de) (?:\\p{L}+ ){0,2}\\p{L}+)?', '(?:desplegar|contraer|expandir)(?: todo)?', 'rechazar tod[oa]s?', 'recordár?melo (?:más tarde|mañana)', 'entendido', 'vista de \\p{L}+', 'opciones de vista', 'más opciones', 'precio de (?:menor a mayor|mayor a menor)', 'día', 'semana', 'mes', 'año', 'billetera', 'cartera', 'energía', 'equipaje', 'habitaciones', 'herramientas(?: del sistema)?', 'vista previa', 'índice', 'contenido', 'fijad\\p{L}*(?: \\p{L}+)?', 'zoom \\d+ ?%?', 'no leídos?', 'explorar', 'tod[oa]s l[oa]s (?:notas|archivos|mensajes|correos|fotos|dispositivos|pedidos|elementos|aplicaciones)', 'detalles del? \\p{L}+'],
  zh: ['查看.{0,12}', '显示.{0,8}', '阅读.{0,8}', '今天', '本周', '本月', '上月', '全部', '近\\d+天', '管理.{0,6}', '继续阅读', '常规', '通用', '(?:向上|向下)?滚动', '聚焦.{0,4}', '保持(?:开启|启用|打开)', '明细', '账单', '上月', '下月', '明天', '昨天', '[一二三四五六七八九十]{1,2}月', '星期.', '周[一二三四五六日]', '放大', '缩小', '保持(?:禁用|关闭|阻止)', '.{0,8}浏览', '用量', '存储', '日志', '评价', '评论', '行情', '市场', '订单', '账单', '网络', '详细信息', '详情', '详细信息', '更多', '了解更多.{0,12}', '高级', '高级设置', '返回.{0,8}', '上一步', '首页', '菜单', '帮助', '取消', '关闭', '否', '不', '不用了', '以后再说', '稍后', '跳过', '全部拒绝', '拒绝', '禁止', '阻止', '不允许', '隐藏.{0,6}', '搜索', '筛选', '刷新', '按.{1,6}排序', '排序', '比较', '对比', '下一.{1,4}', '标记为已读', '全部已读', '文件', '编辑', '视图', '设置', '安全', '隐私', '账户', '帐户', '个人资料', '收件箱', '仪表板', '状态', '动态', '历史记录', '设备', '通知', '消息', '文档', '报告', '工具', '窗口', '复制', '查找', '查询', '搜索.{0,6}', '展开.{0,12}', '收起.{0,4}', '稍后提醒', '以后', '我知道了', '知道了', '暂不处理', '暂不', '物流.{0,4}', '查看物流', '日', '周', '月', '年', '资产', '房间', '钱包', '更多选项', '列表视图', '预览', '监控.{0,4}', '保持.{0,4}(?:开启|启用|打开)', '目录', '置顶.{0,4}', '(?:全部|所有)(?:笔记|文件|消息|邮件|照片|设备|订单|应用)', '我的.{1,4}', '未读', '已读'],
  ja: ['.{0,12}を(?:見る|表示|開く|読む|確認)', '.{1,8}表示', '表示', '今日', '今週', '今月', '先月', 'すべて', '.{0,8}を?管理', '一般', 'スクロール', 'フォーカス', '有効のまま(?:にする)?', '明細', '入出金明細', '明日', '昨日', '\\d{1,2}月', '[月火水木金土日]曜日?', '拡大', '縮小', '無効のまま(?:にする)?', 'ブロックしたまま', '.{0,8}閲覧', '詳細.{0,4}', '使用量', 'ストレージ', 'ログ', 'レビュー', '評価', '価格', '注文', '請求', 'ネットワーク', '詳細', '詳細設定', 'もっと見る', '続きを読む', '詳しく見る', '戻る', '.{0,8}に戻る', '前へ', 'ホーム', 'メニュー', 'ヘルプ', 'キャンセル', '閉じる', 'いいえ', '後で', 'スキップ', 'すべて拒否', '拒否', 'ブロック', '許可しない', '.{0,6}を?隠す', '検索', '絞り込み', '更新', '並べ替え', '.{0,8}を?比較', '次の.{1,6}', '既読にする', 'すべて既読', 'ファイル', '編集', '設定', 'セキュリティ', 'プライバシー', 'アカウント', 'プロフィール', '受信トレイ', 'ダッシュボード', 'ステータス', 'アクティビティ', '履歴', 'デバイス', '通知', 'メッセージ', 'ドキュメント', 'レポート', 'ツール', 'ウィンドウ', 'コピー', 'あとで', '今はしない', '後で通知', '了解', '.{0,16}を展開', '展開', '折りたたむ', '.{0,6}内検索', '期間指定', '配送状況', '荷物を追跡', '日', '週', '月', '年', '資産', '部屋', 'ウォレット', 'その他のオプション', 'リスト表示', '.{0,8}を有効のままにする', 'プレビュー', '監視', '目次', 'ピン留め.{0,4}', 'すべての(?:ノート|ファイル|メッセージ|メール|写真|デバイス|注文|アプリ)', '未読', '既読'],
};

/** A refusal of what a prompt offers: a negation before allow/share/send/install/enable, in six languages (not "不保护", which lowers protection, nor "Don't save", which throws work away). */
const NEGATED_RE = /^(?:(?:don.?t|do not|never|not) (?:allow|share|send|install|enable|sync|run|open)|nicht (?:erlauben|zulassen|teilen|senden|installieren|aktivieren|ausfuhren|offnen)|(?:ne pas|ne jamais|jamais) (?:autoriser|partager|envoyer|installer|activer|executer|ouvrir)|(?:no|nunca) (?:permitir|compartir|enviar|instalar|activar|ejecutar|abrir)|(?:不|永不|禁止)(?:允许|允許|分享|发送|安装|启用|运行|打开)|(?:許可|共有|送信|インストール|有効に|実行|開か?)(?:しない|しません|ない))(?:\s|$)/u;
/** Katakana loanwords that act (install, download, log in, reset, ...). */
const KATAKANA_ACTS = /インストール|ダウンロード|アップロード|ログイン|ログアウト|サインイン|サインアウト|リセット|クリア|デリート|シェア|スキャン|アップデート|アップグレード|サブスク|チャージ|プッシュ|マージ|デプロイ|リンク|コピー|インポート|エクスポート|オン|オフ|スタート|ストップ|キャンセル|リストア|バックアップ|フォーマット|ペイ|パス/u;
/** An override ("Open anyway"): never only moving around. */
const ANYWAY_RE = /anyway|regardless|trotzdem|dennoch|quand meme|malgre|de todos modos|igualmente|aun asi|仍然|依然|继续访问|それでも|このまま/u;

let lookRe: RegExp | undefined;
let actRe: RegExp | undefined;
let moveRe: RegExp | undefined;
/** Whether the label splits into moving words: at hyphens for alphabetic compounds, greedily for CJK runs. */
function compoundOfMoves(l: string): boolean {
  const dashed = l.split(/-/u).filter(Boolean);
  if (dashed.length > 1) return dashed.every((p) => moveRe!.test(p) || p === 'scan');
  if (!/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{3,12}$/u.test(l)) return false;
  // Shortest split into pieces of 2+ characters that each move (dynamic programming over the positions).
  const ok: boolean[] = [true];
  for (let i = 1; i <= l.length; i++) {
    ok[i] = false;
    for (let j = Math.max(0, i - 8); j <= i - 2 && !ok[i]; j++) if (ok[j] && moveRe!.test(l.slice(j, i))) ok[i] = true;
  }
  return ok[l.length]!;
}
let guardRe: RegExp | undefined;
/** Goal verbs that dismiss, leave or rearrange: in a label they are still only moving around ("Reject all"). */
const NOT_HARM = new Set(['copy', 'kopier\\p{L}*', 'copie\\p{L}*', 'copia\\p{L}*', '复制', 'cancel', 'close', 'block', 'decline', 'refuse', 'reject', 'dismiss', 'go back', 'leave', 'exit', 'scroll', 'sort', 'mark', 'abbrechen', 'schließ\\p{L}*', 'ablehnen', 'blockier\\p{L}*', 'sortier\\p{L}*', 'ferme\\p{L}*', 'annule\\p{L}*', 'refuse\\p{L}*', 'bloque\\p{L}*', 'trie\\p{L}*', 'quitte\\p{L}*', 'cierra\\p{L}*', 'cancela\\p{L}*', 'rechaza\\p{L}*', 'bloquea\\p{L}*', 'ordena', 'sal', 'vuelve', 'fais', 'faire', 'fais défiler', '关闭', '取消', '拒绝', '排序', '整理']);
/** Act words that are more than dismissing or rearranging (ACT less NOT_HARM), compiled once on first use. */
function actWord(): RegExp {
  return (guardRe ??= vocabRe(Object.values(ACT).flat().filter((w) => !NOT_HARM.has(w)))!);
}

/** An act word followed by the noun of a section, a record, a how-to or a time ("最后修改时间", last modified time):
 * the phrase names a thing to read. */
const ACT_AS_NOUN_RE = /[\p{Script=Han}\p{Script=Katakana}ー]{1,5}(?:步骤|说明|记录|紀錄|方法|指南|教程|手順|方法|履歴|明細|明细|历史|时间|日期|次数|日時|日付|時刻|時間)|\p{L}+ (?:instructions|section|steps|guide|history|log|records)(?![\p{L}])|(?:demande|requete) de fusion|merge requests?|pull requests?|solicitud(?:es)? de (?:fusion|extraccion|incorporacion)/gu;

/** French and Spanish past participles after a noun, read on the unfolded goal's endings (folded: -es, -ados). */
const PARTICIPLE_RE = /(?<=\p{L}{3,}s? )\p{L}{3,}(?:ees|es|ee|ados|adas|idos|idas)(?![\p{L}])/gu;

/** Whether the goal only asks to look, find, read or be told (and names no act). */
export function lookOnlyGoal(goal: string): boolean {
  const g = foldText(goal);
  if (!g) return false;
  lookRe ??= vocabRe(Object.values(LOOK).flat())!;
  actRe ??= vocabRe(Object.values(ACT).flat())!;
  // An act word that names a section or record ("安装步骤", install steps; "install instructions") is a noun there.
  // So does a past participle that describes a thing ("les fichiers modifiés", "archivos actualizados").
  const acts = g.replace(ACT_AS_NOUN_RE, ' ').replace(PARTICIPLE_RE, ' ');
  return (lookRe.test(g) || /[?？]\s*$/u.test(g)) && !actRe.test(acts);
}

/** A label that only looks or moves around (a view, back, dismiss, search, a section with a count). */
export function movesOnly(label: string): boolean {
  const l = foldText(label).replace(/[…\u2026.:]+$/u, '').replace(/\s*[(（][\d,.\s]+[)）]$/u, '').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N})]+$/gu, '').trim();
  if (!l) return false;
  moveRe ??= new RegExp(`^(?:${vocabRe(Object.values(MOVE).flat())!.source})$`, 'u');
  // A section with a count ("Posteingang (2)", "Notificaciones (3)") is a place to go, unless it names an act.
  const counted = /[(（][\d,.\s]+[)）]\s*$/u.test(foldText(label).replace(/[^\p{L}\p{N})）]+$/u, ''));
  // Saying no ("Nicht erlauben", "Don't allow", "No permitir", "不允许", "許可しない") declines whatever it names.
  if (NEGATED_RE.test(l) && l.split(/\s+/u).length <= 4) return true;
  if (!moveRe.test(l) && !counted) {
    // A row of a list drawn as one control ("F-2291 · Transports Brival · 12 960,00 €", "ACME 物流 · 包裹已发出 · 今天"):
    // clicking it opens the item.
    if (l.split(/\s[·|•—–]\s/u).length >= 3) return true;
    // An identifier ("BTC/JPY", "F-2291", "#ci-alerts"): no word of its own to act with.
    if (/^[#@]?[\p{Lu}\p{N}]{2,}(?:[/\-_.:][\p{Lu}\p{N}]{2,})+$/u.test(label.trim()) || /^[#@][\p{L}\p{N}_.-]+$/u.test(l)) return true;
    // Sections joined ("Privacy and security", "プライバシーとセキュリティ", "账户和安全").
    const parts = l.split(/\s*(?:\s(?:and|&|und|et|y|e)\s|[&、]|と|和|及)\s*/u).filter(Boolean);
    if (parts.length > 1) return parts.every((x) => moveRe!.test(x));
    // A katakana word that is not one of the loanword acts (マーケット, market; not インストール).
    if (/^[\p{Script=Katakana}ー・]+$/u.test(l)) return !KATAKANA_ACTS.test(l);
    // A compound of moving words: "Scan-Verlauf" (scan history), "上月账单" (last month + bill).
    return compoundOfMoves(l);
  }
  // A phrase that starts like a view may still act ("Open anyway", "Show and delete", "查看并安装"): a longer label
  // that names an act or an override is not only moving around.
  const longer = counted || /\s/u.test(l) || l.length > 4;
  return !longer || (!actWord().test(l) && !ANYWAY_RE.test(l));
}

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
/** Words a goal and a label can share: alphabetic words of 3+ letters (and numbers), Chinese/Japanese bigrams. */
function words(text: string): string[] {
  const t = foldText(text);
  const out = (t.replace(CJK_RUN, ' ').match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3 || /^\d+$/.test(w));
  for (const run of t.match(CJK_RUN) ?? []) {
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}
/** Function words that say nothing about what a goal is about. */
const STOP = new Set('tus sus vos votre deine ihre the and for with your you our this that what which how much many are was were has have can will from into about please does there der die das und mit mein meine meinen meiner mir ist wie was welche den dem des ein eine einen zum zur von fur auf hat sind bitte les avec mon mes sur dans des une est quel quelle pour aux cette qui que moi los las con mis que del una por para cual esta este の を に は が で と て'.split(' '));

/**
 * Whether the label is about what the goal is about: more than half of its words (alphabetic words, or stems of 5+
 * letters; Chinese and Japanese bigrams) are in the goal. "Meine Termine" under "Zeig mir meinen nächsten Termin"
 * is; "社内ルート証明書をインストール" under "社内ポータルにアクセスして…" is not (one shared bigram of thirteen): a
 * control that names the goal's object but does something else to it does not count.
 */
/** Whether the goal says the whole label ("Wi-Fi" in "Wi-Fiの設定を開いて"), as a word of its own. */
export function saysWhole(goal: string, label: string): boolean {
  const fl = foldText(label).trim();
  const fg = foldText(goal);
  const at = fl.length >= 2 ? fg.indexOf(fl) : -1;
  return at >= 0 && !/[\p{Script=Latin}\p{N}]/u.test(fg[at - 1] ?? '') && !/[\p{Script=Latin}\p{N}]/u.test(fg[at + fl.length] ?? '');
}

export function namesGoal(label: string, goal: string): boolean {
  if (saysWhole(goal, label)) return true;
  const g = words(goal).filter((w) => !STOP.has(w));
  const own = words(label).filter((w) => !STOP.has(w));
  if (!own.length) return false;
  const shared = own.filter((w) => g.some((x) => {
    if (w === x) return true;
    const n = Math.min(w.length, x.length);
    return n >= 5 && !/[^\p{Script=Latin}\p{N}]/u.test(w + x) && w.slice(0, n - 1) === x.slice(0, n - 1);
  }));
  // Bigrams overlap more than words do ("ノートブックを信頼する" shares half its bigrams with "…ノートブックの中身を読んで"):
  // a CJK label needs more than half, an alphabetic one half.
  const cjk = own.some((w) => /[^\p{Script=Latin}\p{N}]/u.test(w));
  if (cjk) return shared.length * 2 > own.length && !own.some((w) => !shared.includes(w) && actWord().test(w));
  // An alphabetic label: half its words in the goal, and none of the others acts ("Password managers, explained"
  // under "Read the article about password managers" is about the goal; "Dropbox storage: upgrade" under "Check my
  // Dropbox storage" is not, since "upgrade" acts).
  return shared.length * 2 >= own.length && !own.some((w) => !shared.includes(w) && actWord().test(w));
}

/** Kinds a click on which only moves around: a link, a tab, a bit of text, a field it focuses. */
const MOVING_KINDS = new Set(['text', 'link', 'tab', 'field']);

/**
 * Why a step is out of the goal's scope: a look-only goal and a step that acts (a control that neither moves
 * around nor names what the goal names, or typed text the goal does not name). Empty when in scope.
 */
export function outOfScopeReasons(kind: string, targets: readonly { text: string; kind?: string }[], typed: string | undefined, goal: string | undefined): string[] {
  if (!goal || !lookOnlyGoal(goal)) return [];
  const quoted = goal.length > 60 ? `${goal.slice(0, 57)}...` : goal;
  const pointer = kind === 'click' || kind === 'double_click' || kind === 'right_click' || kind === 'drag';
  if (pointer) {
    const t = targets[0];
    if (!t || MOVING_KINDS.has(t.kind ?? '')) return [];
    const label = t.text.trim();
    if (movesOnly(label) || namesGoal(label, goal)) return [];
    // A row, a facet, a cookie choice or a noun names a place to look at (nav-label.ts); the classes still judge it.
    if (navigationShape(label, (x) => actWord().test(x) || ANYWAY_RE.test(x), (w) => movesOnly(w))) return [];
    return [`your goal only asks to look ("${quoted}"), and "${label || 'this control'}" may change something rather than show it`];
  }
  // Typing a few words to look for into a search field is looking (the classes still judge the text: a key, a
  // command); a sentence, or words that act ("I approve the transfer"), is not a search.
  const query = typed !== undefined && searchField(targets[0]?.text) && typed.trim().split(/\s+/u).length <= 4 && !actWord().test(foldText(typed));
  // A number the goal gives with separators, typed without them ("4512-3344-8810" as 451233448810).
  const digits = (x: string) => x.replace(/[\s\-./]/gu, '');
  const goalNumber = typed !== undefined && /^\d{6,}$/u.test(digits(typed)) && digits(goal).includes(digits(typed));
  if (kind === 'type' && typed !== undefined && !namesGoal(typed, goal) && !query && !goalNumber) {
    return [`your goal only asks to look ("${quoted}"), and typing "${typed.length > 40 ? `${typed.slice(0, 37)}...` : typed}" is not part of it`];
  }
  return [];
}
