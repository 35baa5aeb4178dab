/** Moves money: pays, transfers, releases funds, buys, trades, withdraws, subscribes. */
import type { RiskClass } from './types.js';

export const money: RiskClass = {
  id: 'money',
  does: 'moves money (pays, transfers, releases funds, buys or sells)',
  acts: {
    // An amount of money on a control: clicking it pays, tips, releases or buys that much, in any language.
    any: ['(?:\\$|€|£|¥|￥)\\s?\\d[\\d,.]*', '\\d[\\d,.]*\\s?(?:€|£|¥|円|元|usd|eur|gbp|chf|jpy|cny)',
      // Starting a paid plan: "Start subscription", "Abo abschließen", "Iniciar suscripción", "开通会员".
      '(?:start|begin|activate) (?:\\p{L}+ ){0,2}(?:subscription|membership|plan)', '(?:abo|abonnement|mitgliedschaft) (?:starten|abschließen|aktivieren)', '(?:démarrer|activer|commencer) (?:\\p{L}+ )?abonnement',
      '(?:iniciar|activar|comenzar|contratar) (?:\\p{L}+ )?(?:suscripción|membresía|plan)', '(?:开通|开始|開始)(?:订阅|訂閱|会员|會員)', '(?:定期購入|サブスクリプション|有料プラン)を?(?:開始|登録|申し込)'],
    en: ['pay', 'pay now', 'pay (?:\\$|€|£|\\d)', 'pay (?:\\p{L}+ ){0,2}(?:invoice|bill|balance|amount|order|seller|vendor)', 'release (?:\\p{L}+ ){0,2}(?:funds|payment|money|escrow|invoice|payout)', 'transfer (?:\\p{L}+ ){0,2}(?:funds|money|now)', 'wire (?:\\p{L}+ ){0,2}(?:funds|money|now|transfer|\\$|€|£|\\d)', 'send money', 'send (?:\\$|€|£|usd|eur|\\d)', 'buy', 'buy now', 'purchase', 'purchase now', 'complete (?:\\p{L}+ )?purchase', 'place (?:\\p{L}+ )?order', 'order now', 'withdraw', 'withdraw (?:\\p{L}+ ){0,2}(?:funds|money|now|\\$|€|£|\\d)', 'payout', 'disburse\\p{L}*', 'approve (?:\\p{L}+ ){0,2}(?:payment|invoice|transfer|expense|refund|payout|wire)', 'authori[sz]e (?:\\p{L}+ ){0,2}(?:payment|charge|transfer|debit|wire)', 'accept (?:\\p{L}+ )?charges?', 'settle (?:\\p{L}+ ){0,2}(?:invoice|balance|payment)', 'issue (?:\\p{L}+ )?refund', 'sell', 'sell (?:all|now|\\p{L}+ shares|position)', '(?:execute|place|confirm) (?:\\p{L}+ )?trade', 'trade now', 'donate', 'donate now', 'subscribe', 'upgrade now', 'top.?up'],
    de: ['zahlen', 'jetzt zahlen', 'bezahlen', 'jetzt bezahlen', 'zahlung (?:senden|bestätigen|freigeben|ausführen|autorisieren|leisten)', 'überweisen', 'jetzt überweisen', 'überweisung (?:ausführen|senden|bestätigen|freigeben|tätigen)', 'kaufen', 'jetzt kaufen', 'kostenpflichtig bestellen', 'zahlungspflichtig bestellen', 'jetzt bestellen', 'bestellung (?:abschicken|absenden|aufgeben)', '(?:mittel|gelder|zahlung|betrag|auszahlung) freigeben', 'auszahlen', 'auszahlung (?:anfordern|beantragen|bestätigen)', 'abheben', 'verkaufen', 'alles verkaufen', 'spenden', 'abonnieren', 'rechnung begleichen'],
    fr: ['payer', 'payer maintenant', 'payer (?:\\p{L}+ ){0,2}facture', 'régler (?:\\p{L}+ ){0,2}(?:facture|montant|solde)', 'effectuer (?:le |un )?(?:virement|paiement)', 'virer', 'transférer (?:\\p{L}+ ){0,2}(?:fonds|argent)', 'acheter', 'acheter maintenant', 'commander', 'passer (?:la )?commande', 'débloquer (?:les )?fonds', 'libérer (?:les )?fonds', 'retirer (?:\\p{L}+ ){0,2}(?:fonds|argent)', 'vendre', 'tout vendre', 'faire un don', "s.abonner", 'valider (?:le |la )?(?:paiement|commande|virement)', 'confirmer (?:le |la )?(?:paiement|commande|virement|achat)'],
    es: ['pagar', 'pagar ahora', 'realizar (?:el )?pago', 'transferir', 'realizar (?:la )?transferencia', 'enviar dinero', 'comprar', 'comprar ahora', 'realizar (?:el )?pedido', 'hacer (?:el )?pedido', 'liberar (?:\\p{L}+ ){0,2}(?:fondos|pago|dinero)', 'retirar (?:\\p{L}+ ){0,2}(?:fondos|dinero)', 'vender', 'vender todo', 'donar', 'suscribirse', 'finalizar compra', 'confirmar (?:el |la )?(?:pago|pedido|transferencia|compra)'],
    zh: ['立即付款', '确认付款', '確認付款', '去付款', '立即支付', '确认支付', '確認支付', '转账', '轉帳', '汇款', '匯款', '立即购买', '确认购买', '購買', '买入', '卖出', '全部卖出', '下单', '提交订单', '结账', '結帳', '提现', '提款', '释放资金', '放款', '打款', '捐款', '订阅', '訂閱'],
    ja: ['支払う', '払う', '今すぐ支払', '支払いを確定', '決済する', '決済を確定', '送金', '振込', '振り込む', '購入する', '今すぐ購入', '購入を確定', '注文する', '注文を確定', '注文確定', '出金', '引き出す', '売却', 'すべて売却', '寄付する', '資金を解放'],
  },
  // A committing verb with a money object, in either order ("Rechnung freigeben", "Zur Zahlung anweisen", "Iniciar
  // suscripción"); the verb alone on a confirm acts on a money object shown elsewhere ("承認" under an invoice).
  actsWith: {
    verbs: {
      en: ['approve', 'authori[sz]e', 'release', 'settle', 'execute'], de: ['freigeben', 'anweisen', 'ausführen', 'begleichen', 'genehmigen', 'autorisieren'],
      fr: ['approuver', 'valider', 'régler', 'exécuter', 'autoriser', 'libérer', 'souscrire'], es: ['aprobar', 'autorizar', 'liberar', 'ejecutar', 'abonar', 'liquidar', 'contratar'],
      zh: ['批准', '审批', '授权', '执行', '放行'], ja: ['承認', '実行', '決裁'],
    },
    objects: {
      en: ['invoices?', 'bills?', 'payments?', 'expenses?', 'wire', 'transfers?', 'refunds?', 'payouts?', 'subscriptions?', 'purchases?'], de: ['rechnung\\p{L}*', 'zahlung\\p{L}*', 'überweisung\\p{L}*', 'auszahlung\\p{L}*', 'abo\\p{L}*', 'spesen', 'kosten\\p{L}*'],
      fr: ['factures?', 'paiements?', 'virements?', 'remboursements?', 'abonnements?', 'dépenses?', 'frais'], es: ['facturas?', 'pagos?', 'transferencias?', 'reembolsos?', 'suscripci[oó]n\\p{L}*', 'gastos?'],
      zh: ['发票', '發票', '付款', '转账', '报销', '費用', '费用', '订阅', '账单', '帳單'], ja: ['請求書', '支払', '振込', '経費', '精算', '定期購入', 'サブスクリプション'],
    },
  },
  verbOnControl: true,
  context: {
    // An amount standing alone (a table cell "¥480,000", "180 €"): the screen is about that much money.
    any: ['^(?:\\$|€|£|¥|￥)\\s?\\d[\\d,.]*$', '^\\d[\\d,.]*\\s?(?:€|£|¥|円|元)$', '(?:\\$|€|£|¥|￥)\\s?\\d[\\d,.]*.{0,12}(?:購入|购买|購買|支払|付款|买入)', 'auto.?renew\\p{L}*', 'automatische verlängerung', 'renouvellement automatique', 'renovación automática', '自动续费', '自動更新'],
    en: ['(?:will|would) be (?:charged|debited|billed|paid|transferred|wired|withdrawn|released|sent)', '(?:release|transfer|wire|send|pay|withdraw|refund)\\p{L}* (?:of )?(?:\\$|€|£|¥|usd|eur|gbp|\\d)', '(?:\\$|€|£|¥)\\s?\\d[\\d,.]* (?:will|to|from)', 'payment (?:of|to) ', 'confirm (?:\\p{L}+ )?(?:payment|purchase|transfer|order|trade|withdrawal)', 'release (?:\\p{L}+ ){0,2}(?:funds|payment|escrow)', 'amount (?:due|to pay)', 'wire transfer', 'bank transfer', 'your card will', 'iban', 'beneficiary', 'recipient account'],
    de: ['wird (?:\\S+ ){0,4}(?:belastet|abgebucht|überwiesen|ausgezahlt|freigegeben)', '(?:überweisung|zahlung|auszahlung) (?:von|über|an)', '(?:betrag|summe) (?:von|über)', 'zahlung bestätigen', 'überweisung bestätigen', 'zahlungspflichtig', 'kostenpflichtig', 'zahlungsfreigabe', 'iban', 'empfänger'],
    fr: ['sera (?:débité|prélevé|facturé|viré|versé|libéré)', '(?:virement|paiement|retrait) (?:de|d.un montant)', 'montant (?:de|à payer|total)', 'confirmer (?:le )?(?:paiement|virement|achat)', 'iban', 'bénéficiaire'],
    es: ['se (?:cargará|cobrará|debitará|transferirá|liberará)', '(?:transferencia|pago|retiro) (?:de|por)', 'importe (?:de|total)', 'monto (?:de|total)', 'confirmar (?:el )?(?:pago|transferencia|compra)', 'iban', 'beneficiario', 'destinatario'],
    zh: ['将被扣款', '将扣除', '扣款', '转账金额', '付款金额', '支付金额', '汇款金额', '收款人', '收款账户', '确认付款', '确认支付', '确认转账', '释放资金', '放款'],
    ja: ['請求されます', '引き落とされ', '支払い金額', 'お支払い', '送金額', '振込先', '受取人', '送金を確認', '支払いを確認'],
  },
  confirms: {
    en: ['release', 'send', 'transfer', 'authori[sz]e', 'approve'], de: ['freigeben', 'senden', 'autorisieren', 'genehmigen'], fr: ['libérer', 'envoyer', 'autoriser', 'approuver'],
    es: ['liberar', 'enviar', 'autorizar', 'aprobar'], zh: ['发送', '发出', '批准', '授权', '确认', '確認'], ja: ['送信', '承認', '確定', '確認'],
    // Carrying out a prepared order: "Jetzt ausführen" under "Neue Überweisung".
    any: ['execute', 'ausführen', 'exécuter', 'ejecutar', '执行', '実行'],
  },
};
