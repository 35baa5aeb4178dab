/**
 * Generic confirming labels: a control that does whatever the dialog around it names ("OK" under "Turn off
 * protection?", "Continue" under "will be charged"). Also labels that understate what they confirm ("Optimize" under "turns off
 * real-time protection", "Sync" under "uploads your contacts", "Trust" under a certificate warning, "Open file" under a
 * downloaded setup.exe): alone they name no harm, so only the screen's context makes them high. Matched on the whole folded label, punctuation dropped; a
 * pressed Enter confirms the same way.
 */
import type { Vocab } from './types.js';

export const GENERIC_CONFIRMS: Vocab = {
  en: ['ok', 'okay', 'yes', 'yes please', 'yes i.?m sure', 'sure', 'continue', 'proceed', 'next', 'accept', 'agree', 'i agree', 'agree (?:and )?continue', 'accept (?:and )?continue', 'confirm', 'apply', 'go', 'go ahead', 'do it', 'done', 'finish', 'complete', 'got it', 'understood', 'i understand', 'approve', 'allow', 'enable', 'turn on', 'start', 'submit', 'save', 'lets go', 'let us go', 'fix now', 'clean now', 'resolve now', 'verify', 'i.?m not a robot', 'update now', 'install update', 'check', 'optimi[sz]e(?: now)?', 'clean ?up(?: now)?', 'tidy(?: up)?', 'speed up', 'boost(?: now)?', 'sync(?: now)?', 'synchroni[sz]e', 'trust', 'save changes', 'open file', 'open (?:it|now)'],
  de: ['ok', 'ja', 'weiter', 'fortfahren', 'akzeptieren', 'zustimmen', 'einverstanden', 'bestätigen', 'übernehmen', 'anwenden', 'speichern', 'aktivieren', 'fertig', 'verstanden', 'los', 'starten', 'zulassen', 'erlauben', 'jetzt beheben', 'prüfen', 'überprüfen', 'optimieren', 'aufräumen', 'bereinigen', 'beschleunigen', 'synchronisieren', 'abgleichen', 'vertrauen', 'änderungen speichern', 'datei öffnen', 'jetzt öffnen'],
  fr: ['ok', 'oui', 'continuer', 'poursuivre', 'suivant', 'accepter', "j.accepte", "d.accord", 'confirmer', 'valider', 'appliquer', 'enregistrer', 'activer', 'terminer', 'compris', 'autoriser', 'corriger maintenant', 'vérifier', 'optimiser', 'nettoyer', 'faire le ménage', 'accélérer', 'synchroniser', 'faire confiance', 'enregistrer les modifications', 'ouvrir le fichier', 'ouvrir maintenant'],
  es: ['ok', 'sí', 'si', 'continuar', 'siguiente', 'aceptar', 'acepto', 'de acuerdo', 'confirmar', 'aplicar', 'guardar', 'activar', 'listo', 'entendido', 'vale', 'permitir', 'reparar ahora', 'verificar', 'comprobar', 'optimizar', 'limpiar', 'acelerar', 'sincronizar', 'confiar', 'guardar (?:los )?cambios', 'abrir (?:el )?archivo', 'abrir ahora'],
  zh: ['确定', '確定', '好', '好的', '是', '是的', '继续', '繼續', '下一步', '接受', '同意', '我同意', '确认', '確認', '应用', '應用', '保存', '启用', '啟用', '完成', '知道了', '允许', '允許', '立即修复', '验证', '驗證', '一键加速', '加速', '优化', '一键优化', '清理', '一键清理', '整理', '同步', '信任', '保存更改', '打开文件', '立即开通', '开通'],
  ja: ['ok', 'はい', '続行', '続ける', '次へ', '同意', '同意する', '承諾', '確認', '適用', '保存', '有効にする', '完了', 'わかりました', '許可', '今すぐ修復', '検証', '最適化', '最適化する', 'クリーンアップ', '高速化', '整理', '整理する', '同期', '同期する', '信頼', '信頼する', '変更を保存', 'ファイルを開く', '今すぐ始める'],
};
