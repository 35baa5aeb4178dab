/** Runs or opens downloaded code: "Run anyway", "Keep" a flagged download, open an installer, install an app. */
import type { RiskClass } from './types.js';

export const runCode: RiskClass = {
  id: 'run-code',
  does: 'runs or opens a downloaded program (or keeps a download the browser warned about)',
  acts: {
    // Unpacking a download and installing or running what is inside.
    any: ['extract and (?:install|run|open)', 'entpacken und (?:installieren|ausführen|öffnen)', 'extraire et (?:installer|exécuter|ouvrir)', 'extraer e (?:instalar|ejecutar|abrir)', '(?:解压|解壓)(?:并|並|后|後)?(?:安装|安裝|运行|運行|打开)', '展開して(?:インストール|実行)', '(?:安装|安裝)(?:程序|补丁|更新|插件)?', '(?:open|run|launch) anyway', '(?:dennoch|trotzdem) (?:öffnen|ausführen|starten)', '(?:ouvrir|exécuter|lancer) quand même', '(?:abrir|ejecutar) de todos modos', '仍然(?:打开|运行)', 'このまま(?:開く|実行)', 'trust (?:this |the )?(?:notebook|workspace|folder|project|authors?)', 'confiar en (?:el |este |la |esta )?(?:cuaderno|espacio de trabajo|carpeta|proyecto|autor)', '(?:dem |diesem )?(?:notebook|arbeitsbereich|ordner|projekt) vertrauen', 'faire confiance (?:au |à ce |à cet )?(?:notebook|bloc-notes|dossier|projet|espace de travail)', '信任(?:此|该|这个)?(?:笔记本|工作区|文件夹|项目|作者)', '(?:ノートブック|ワークスペース|フォルダー?|プロジェクト)を信頼'],
    en: ['run anyway', 'open anyway', 'keep anyway', 'install anyway', 'keep (?:the )?(?:dangerous|suspicious|unverified) (?:\\p{L}+ )?(?:file|download)', 'keep (?:file|download)', 'run (?:the )?(?:installer|setup|program|script|file|\\p{L}+\\.(?:exe|msi|bat|cmd|ps1|sh|app|dmg|pkg|jar|scr|vbs|js))', 'open (?:\\p{L}+\\.(?:exe|msi|bat|cmd|ps1|sh|app|dmg|pkg|jar|scr|vbs))', 'install (?:now|app|update|anyway|the update|this app)', 'run as administrator', 'launch (?:the )?(?:installer|setup)', 'allow (?:this )?app to run', 'more info.{0,3}run anyway'],
    de: ['trotzdem ausführen', 'trotzdem öffnen', 'trotzdem behalten', 'trotzdem installieren', 'datei behalten', 'als administrator ausführen', 'jetzt installieren', 'installationsprogramm (?:ausführen|starten)'],
    fr: ['exécuter quand même', 'ouvrir quand même', 'conserver quand même', 'installer quand même', 'conserver (?:le )?fichier', 'exécuter en tant qu.administrateur', 'installer maintenant'],
    es: ['ejecutar de todas formas', 'ejecutar de todos modos', 'abrir de todas formas', 'abrir de todos modos', 'conservar de todas formas', 'mantener de todos modos', 'conservar (?:el )?archivo', 'instalar de todos modos', 'ejecutar como administrador', 'instalar ahora'],
    zh: ['仍然运行', '仍要运行', '仍然執行', '仍要执行', '仍然打开', '仍要打开', '仍然保留', '保留文件', '保留檔案', '以管理员身份运行', '立即安装', '运行安装程序'],
    ja: ['保存を続行', '開く（安全でない）', '管理者として実行', '今すぐインストール', 'インストーラーを実行'],
  },
  context: {
    en: ['(?:this|the) (?:file|download|app|program) (?:is|may be|could be|might be) (?:dangerous|harmful|malicious|unsafe|not commonly downloaded)', 'not commonly downloaded', "windows protected your pc", 'unrecognized app', 'unknown publisher', 'unverified (?:developer|publisher)', "can.?t be opened because", 'downloaded from the internet', 'are you sure you want to (?:run|open) (?:this|the)', 'do you want to (?:run|open|keep) (?:this|the) (?:file|program|app|download)', 'smartscreen', 'could harm your (?:computer|device)', '[\\p{L}\\p{N}_-]+\\.(?:exe|msi|bat|cmd|ps1|scr|vbs|vbe|jse?|wsf|hta|lnk|jar|dmg|pkg|appimage)(?![\\p{L}\\p{N}])'],
    de: ['(?:diese|die) datei (?:ist|könnte) (?:gefährlich|schädlich)', 'hat ihren pc geschützt', 'unbekannter herausgeber', 'nicht verifizierter entwickler', 'aus dem internet (?:geladen|heruntergeladen)', 'möchten sie (?:diese|die) datei (?:ausführen|öffnen|behalten)', 'könnte ihrem (?:computer|gerät) schaden', 'nicht von einem verifizierten entwickler', 'wurde blockiert'],
    fr: ['(?:ce|le) fichier (?:est|peut être) (?:dangereux|malveillant)', 'a protégé votre ordinateur', 'éditeur inconnu', 'développeur non vérifié', "téléchargé depuis internet", 'voulez.vous (?:exécuter|ouvrir|conserver) ce fichier', 'pourrait endommager votre (?:ordinateur|appareil)'],
    es: ['(?:este|el) archivo (?:es|puede ser) (?:peligroso|malicioso|dañino)', 'protegió su (?:pc|equipo)', 'editor desconocido', 'desarrollador no verificado', 'descargado de internet', 'desea (?:ejecutar|abrir|conservar) este archivo', 'podría dañar (?:su|tu) (?:equipo|dispositivo)'],
    zh: ['此文件可能有害', '此文件可能会损害', '可能是危险文件', '保护了你的电脑', '未知发布者', '未知的发布者', '未经验证的开发者', '从互联网下载', '是否要运行此文件', '是否保留'],
    ja: ['このファイルは危険', '有害なファイル', 'pc を保護しました', '発行元不明', '不明な発行元', '未確認の開発元', 'インターネットからダウンロード', 'このファイルを実行しますか', '損害を与える可能性', '開発元を確認できない'],
  },
  confirms: {
    // A fake update offering a program ("Update Chrome" over "ChromeSetup.exe is ready to run"); the context decides.
    any: ['update', 'aktualisieren', 'mettre à jour', 'actualizar', '更新', '今すぐ更新'],
    en: ['run', 'open', 'keep', 'install', 'launch', 'start', 'execute'], de: ['ausführen', 'öffnen', 'behalten', 'installieren', 'starten'], fr: ['exécuter', 'ouvrir', 'conserver', 'installer', 'lancer'],
    es: ['ejecutar', 'abrir', 'conservar', 'mantener', 'instalar', 'iniciar'], zh: ['运行', '執行', '执行', '保留文件', '打开', '保留', '安装', '安裝', '启动'], ja: ['実行', '実行する', '開く', '保持', '保持する', '保存する', 'インストール', '起動'],
  },
};
