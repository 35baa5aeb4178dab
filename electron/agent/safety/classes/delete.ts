/** Deletes or overwrites: delete, erase, wipe, empty the trash, replace an existing file, reset to defaults. */
import type { RiskClass } from './types.js';

export const deletion: RiskClass = {
  id: 'delete',
  does: 'deletes or overwrites something',
  acts: {
    // A force push overwrites others' history; one-click clean-ups delete.
    any: ['force.?push', 'forzar (?:el )?push', 'forcer (?:le )?push', 'push erzwingen', '强制推送', '強制プッシュ', '一键清理', '清理全部', '全部清理', '清空全部'],
    en: ['delete', 'delete (?:all|everything|forever|permanently|now)', 'remove', 'erase', 'wipe', 'overwrite', 'replace (?:all|existing|file|it)', 'empty (?:the )?(?:trash|bin|recycle bin)', 'clear (?:all|data|history|everything)', 'discard', 'purge', 'destroy', 'factory reset', 'reset (?:all|everything|to (?:factory )?defaults)', 'format (?:disk|drive|volume)', 'drop (?:table|database)', 'uninstall', 'shred'],
    de: ['löschen', '\\p{L}+ löschen', 'entfernen', 'überschreiben', 'ersetzen', 'papierkorb leeren', 'leeren', 'alles zurücksetzen', 'auf werkseinstellungen zurücksetzen', 'verwerfen', 'deinstallieren', 'formatieren'],
    fr: ['supprimer', 'effacer', 'écraser', 'remplacer', 'vider (?:la )?corbeille', 'tout effacer', 'réinitialiser', 'rétablir les paramètres d.usine', 'désinstaller', 'formater'],
    es: ['eliminar', 'borrar', 'sobrescribir', 'reemplazar', 'vaciar (?:la )?papelera', 'borrar todo', 'restablecer', 'restablecer (?:los )?valores de fábrica', 'desinstalar', 'formatear'],
    zh: ['删除', '刪除', '清除', '清空', '覆盖', '覆蓋', '替换', '取代', '重置', '恢复出厂', '卸载', '解除安裝', '格式化', '抹掉'],
    ja: ['削除', '消去', '上書き', '置き換え', '空にする', '初期化', 'リセット', '工場出荷', 'アンインストール', 'フォーマット'],
  },
  context: {
    any: ['(?:will be|are) overwritten', 'seront écrasées?s?', 'werden überschrieben', 'se sobrescribirán', '将被覆盖', '上書きされます'],
    en: ['(?:will|would) be (?:permanently )?(?:deleted|erased|removed|overwritten|replaced|wiped|lost|destroyed)', 'permanently', 'cannot be undone', "can.?t be undone", 'already exists', 'replace (?:it|the existing)', 'all (?:your )?(?:data|files|messages) will'],
    de: ['wird (?:endgültig )?(?:gelöscht|überschrieben|entfernt|ersetzt)', 'endgültig', 'nicht rückgängig', 'existiert bereits'],
    fr: ['sera (?:définitivement )?(?:supprimée?|effacée?|écrasée?|remplacée?)s?', 'définitivement', 'irréversible', 'existe déjà'],
    es: ['se (?:eliminará|borrará|sobrescribirá|reemplazará)n?', 'permanentemente', 'no se puede deshacer', 'ya existe'],
    zh: ['将被删除', '将被永久删除', '永久删除', '无法撤销', '無法復原', '将被覆盖', '已存在'],
    ja: ['削除されます', '完全に削除', '元に戻せません', '上書きされます', '既に存在します', 'すでに存在します'],
  },
  confirms: {
    any: ['restore (?:this )?version', 'restaurer cette version', 'diese version wiederherstellen', 'restaurar esta versión', '恢复此版本', 'この版を復元'],
    en: ['replace', 'overwrite'], de: ['ersetzen', 'überschreiben'], fr: ['remplacer', 'écraser'], es: ['reemplazar', 'sobrescribir'], zh: ['替换', '覆盖'], ja: ['置き換え', '上書き'],
  },
};
