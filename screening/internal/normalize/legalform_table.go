package normalize

// The legal-form table. Rows are written as the forms appear in company
// names; spelling variants that fold to the same words (case, dots,
// hyphens, accents, romanization) need no row of their own, but common
// written variants are listed anyway for the reader.
//
// Classes. Forms that mean the same kind of company share a class:
//   - CIS and other Slavic-language forms, in Cyrillic and in Latin
//     transliteration, take the class of their usual English translation:
//     OOO, TOV (Ukrainian), TAA (Belarusian), d.o.o., OOD/EOOD (Bulgarian),
//     s.r.o., Sp. z o.o. are LLC; AO, AD, EAD, AK are JSC; ZAO, PrAT, ZAT are
//     CJSC; OAO, VAT are OJSC; PAO, PAT are PJSC; Kazakh TOO is LLP. The
//     Ukrainian AT is a form only written in Cyrillic (АТ): its key "at"
//     would take the "AT" of "AT&T" and "AT Kearney" for a legal form.
//   - Baltic and Greek forms take the class of their translation too:
//     Latvian Sabiedrība ar ierobežotu atbildību, Estonian OÜ, Greek ΕΠΕ
//     and ΙΚΕ are LLC, Lithuanian UAB (a closed joint-stock company) CJSC,
//     Akcinė bendrovė JSC; but the Lithuanian AB is the Swedish AB's row,
//     and Estonian AS (Aktsiaselts) the Nordic AS's. The Latvian SIA is no
//     row: taken off a name of one word ("CHATEXTECH SIA"), it would leave
//     a name of one word, which a misspelling costs more ("chatxtech sia"
//     would score 0.79 against it, not 0.93).
//   - Japanese and Korean forms abbreviated to one character in
//     parentheses or enclosed ((株), ㈱, (有), (주), ㈜, (유)) count only as a
//     part of their own: the character alone is a word of names too.
//   - English forms: Ltd, Limited, Co. Ltd, Company Limited, Pvt Ltd,
//     Private Limited, Pte Ltd, Pty Ltd, Sdn Bhd (Malaysian private limited),
//     Ltd. Şti. (Turkish limited company), Thai Borisat ... Chamkat and
//     Chinese 有限公司 are LTD; Thai Hang Hun Suan Chamkat is LP.
//     PLC, Public Limited Company, Public Company Limited, Bhd/Berhad and
//     Tbk are PLC. Inc and Incorporated are INC. "Corp" and "Corporation"
//     are generic words, not legal forms (like "Company").
//   - "Closed AO", "Public AO", "Open AO" mix English and Russian: CJSC,
//     PJSC, OJSC.
//   - Western European forms keep their own class: GMBH, AG, KG (also
//     "GmbH & Co. KG"), KGAA, OHG, SA (also S.A. de C.V. and its tail "de
//     C.V.", C.A., Peruvian S.A.C., Lebanese S.A.L., Sociedad Anónima),
//     SAS, SARL, SRL (also S. de R.L.), SL, SPA, LTDA, SENC, BV, NV,
//     AB, AS (also A/S, ASA, Turkish A.Ş., Czech a.s.), OY, APS, KFT.
var legalFormTable = []struct {
	class  Class
	strong []string // recognized anywhere in the name
	edge   []string // ambiguous: only at the start or end of a part; "^" start only, "$" end only, then "#": only written as separate letters, "%": only written in Cyrillic, "=": only as a part of its own
}{
	{"LLC", []string{
		"LLC", "L.L.C.", "Limited Liability Company", "Limited Liability Co.", "Ltd. Liability Co.",
		"Limited Liability Corporation", "FZ-LLC", "FZ LLC", "FZLLC", "W.L.L.", "WLL", "With Limited Liability",
		"OOO", "ООО", "Obshchestvo s Ogranichennoy Otvetstvennostyu", "Obshchestvo s Ogranichennoi Otvetstvennostiu",
		"Obshchestvo s Ogranichennoj Otvetstvennostju", "Obshestvo s Ogranichennoy Otvetstvennostyu",
		"Obschestvo s Ogranichennoy Otvetstvennostju", "Общество с ограниченной ответственностью",
		"Tovarystvo z Obmezhenoyu Vidpovidalnistyu", "Товариство з обмеженою відповідальністю",
		"Таварыства з абмежаванай адказнасцю",
		// Belarus's foreign limited liability company
		"Foreign Limited Liability Company", "FLLC", "Inostrannoe Obshchestvo s Ogranichennoy Otvetstvennostyu", "ИООО",
		"d.o.o.", "DOO", "D.O.O.E.L.", "DOOEL", "društvo s ograničenom odgovornošću", "družba z omejeno odgovornostjo",
		"OOD", "EOOD", "ООД", "ЕООД", "Дружество с ограничена отговорност",
		"s.r.o.", "spol. s r.o.", "společnost s ručením omezeným", "spoločnosť s ručením obmedzeným",
		"Sp. z o.o.", "Sp. z o. o.", "Spółka z ograniczoną odpowiedzialnością",
		"有限责任公司", "有限責任公司", "유한책임회사",
		"Mas'uliyati cheklangan jamiyat", "MChJ", "ՍՊԸ", "Սահմանափակ պատասխանատվությամբ ընկերություն",
		"შპს", "შეზღუდული პასუხისმგებლობის საზოგადოება", "Жауапкершілігі шектеулі серіктестік", "ЖШС",
		// Ukraine's additional liability company
		"Товариство з додатковою відповідальністю", "Tovarystvo z Dodatkovoyu Vidpovidalnistyu",
		// Latvia's SIA, Estonia's OÜ, Greece's ΕΠΕ and ΙΚΕ (private capital company)
		"Sabiedrība ar ierobežotu atbildību", "Osaühing", "Εταιρεία Περιορισμένης Ευθύνης",
		"Etaireia Periorismenis Efthynis", "Ιδιωτική Κεφαλαιουχική Εταιρεία", "Idiotiki Kefalaiouchiki Etaireia",
	}, []string{"TOV", "ТОВ", "TAA", "ТАА", "ТзОВ", "TzOV", "%ТДВ", "$OÜ", "$ΕΠΕ", "$EPE", "$ΙΚΕ", "$IKE"}},
	{"LLP", []string{
		"LLP", "L.L.P.", "Limited Liability Partnership",
		"Tovarishchestvo s Ogranichennoy Otvetstvennostyu", "Товарищество с ограниченной ответственностью",
	}, []string{"TOO", "ТОО"}},
	{"LP", []string{"Limited Partnership", "Commanditaire Vennootschap", "Hang Hun Suan Chamkat"}, []string{"$LP", "$L.P.", "$CV"}},
	{"JSC", []string{
		"JSC", "J.S.C.", "Joint Stock Company", "Joint-Stock Company", "Joint Stock Co.", "Joint-Stock Co.",
		"Joint Stock Corporation", "Stock Company", "Aktsionernoe Obshchestvo", "Aktsionernoye Obshchestvo",
		"Aktsionernoe Obshestvo", "Aktsionernoe Obschestvo", "Akcionernoe Obshchestvo", "Акционерное общество",
		"Aktsionerne Tovarystvo", "Акціонерне товариство", "Акцыянернае таварыства",
		"Aktsionerno Druzhestvo", "Акционерно дружество", "dioničko društvo",
		"akcionarsko društvo", "Акционерско друштво", "Акционерлік қоғам", "Aktsionerlik Qogam", "Akcinė bendrovė",
		"股份有限公司", "股份公司", "주식회사", "Բաժնետիրական ընկերություն", "სააქციო საზოგადოება",
		// Russia's joint-stock company (aktsionernaya kompaniya), AK before the name ("AK Transneft")
		"Aktsionernaya Kompaniya", "Акционерная компания",
	}, []string{"^AK", "^АК", "AO", "АО", "%АТ", "AD", "АД", "=(주)", "=㈜", "d.d.", "A.D.", "АҚ", "AQ", "$EAD", "$ЕАД",
		// Gulf shareholding companies: Bahraini B.S.C., Qatari Q.S.C., Kuwaiti
		// K.S.C., Omani S.A.O.G. and S.A.O.C., Jordanian and Emirati P.S.C.
		"$B.S.C.", "$BSC", "$Q.S.C.", "$QSC", "$K.S.C.", "$KSC", "$K.S.C.C.", "$KSCC", "$S.A.O.G.", "$SAOG",
		"$S.A.O.C.", "$SAOC", "$P.S.C.", "$PSC", "$Q.P.S.C.", "$QPSC"}},
	{"CJSC", []string{
		"CJSC", "ZAO", "ЗАО", "Closed Joint Stock Company", "Closed Joint-Stock Company", "Closed JSC",
		"Closed Type Joint Stock Company", "Closed AO", "Closed Type AO", "Private AO", "Non-Public AO", "Zakrytoe Aktsionernoe Obshchestvo", "Zakrytoye Aktsionernoye Obshchestvo",
		"Закрытое акционерное общество", "PrAT", "ПрАТ", "Private Joint Stock Company", "Private Joint-Stock Company",
		"Private JSC", "PrJSC", "Приватне акціонерне товариство", "Zakryte Aktsionerne Tovarystvo",
		"Закрите акціонерне товариство", "Non-Public Joint Stock Company", "Non-Public JSC",
		"Nepublichnoe Aktsionernoe Obshchestvo", "Непубличное акционерное общество", "ՓԲԸ",
		"Փակ բաժնետիրական ընկերություն",
		// Iran's private joint stock company, sherkat-e sahami-ye khass
		"Aktsionernoe Obshchestvo Zakrytogo Tipa",
		"Sahami Khass", "Sahami-e Khass", "Sahami-ye Khass", "Sahami Khas", "Sahami-e Khas", "Sahami-ye Khas",
		// Lithuania's private limited company (closed joint-stock company), UAB
		"Uždaroji akcinė bendrovė",
	}, []string{"ZAT", "ЗАТ", "NAO", "НАО", "$PJS", "$P.J.S.", "UAB"}},
	{"OJSC", []string{
		"OJSC", "OAO", "ОАО", "Open Joint Stock Company", "Open Joint-Stock Company", "Open JSC",
		"Open Type Joint Stock Company", "Open AO", "Open Type AO", "Otkrytoe Aktsionernoe Obshchestvo", "Otkrytoye Aktsionernoye Obshchestvo",
		"Otkrytoe Aktsionernoe Obshchestvo Otkrytogo Tipa", "Aktsionernoe Obshchestvo Otkrytogo Tipa",
		"Открытое акционерное общество", "Vidkryte Aktsionerne Tovarystvo",
		"Відкрите акціонерне товариство", "Адкрытае акцыянернае таварыства", "ԲԲԸ",
		"Բաց բաժնետիրական ընկերություն",
	}, []string{"VAT", "ВАТ", "ААТ"}},
	{"PJSC", []string{
		"PJSC", "PAO", "ПАО", "Public Joint Stock Company", "Public Joint-Stock Company", "Public JSC", "Public AO",
		"Publichnoe Aktsionernoe Obshchestvo", "Publichnoye Aktsionernoye Obshchestvo", "Publichnoe Aktsionernoe Obshestvo",
		"Публичное акционерное общество", "Publichne Aktsionerne Tovarystvo", "Публічне акціонерне товариство",
		// Iran's public joint stock company, sherkat-e sahami-ye aam
		"Sahami Aam", "Sahami-e Aam", "Sahami-ye Aam", "Sahami Am", "Sahami-e Am", "Sahami-ye Am",
	}, []string{"PAT", "ПАТ"}},
	{"FGUP", []string{
		"FGUP", "ФГУП", "Federal State Unitary Enterprise", "Federal State Unitary Company", "FSUE",
		"Federalnoe Gosudarstvennoe Unitarnoe Predpriyatie", "Federalnoye Gosudarstvennoye Unitarnoye Predpriyatiye",
		"Федеральное государственное унитарное предприятие",
	}, nil},
	{"SUE", []string{
		"State Unitary Enterprise", "Gosudarstvennoe Unitarnoe Predpriyatie",
		"Государственное унитарное предприятие", "State Enterprise", "Derzhavne Pidpryiemstvo",
		"Державне підприємство", "Gosudarstvennoe Predpriyatie", "Государственное предприятие",
		"Republican Unitary Enterprise", "Республиканское унитарное предприятие",
	}, []string{"SUE", "GUP", "ГУП", "ДП", "DP", "RUP", "РУП"}},
	{"MUP", []string{
		"Municipal Unitary Enterprise", "Munitsipalnoe Unitarnoe Predpriyatie",
		"Муниципальное унитарное предприятие",
	}, []string{"MUP", "МУП"}},
	{"FGBU", []string{
		"FGBU", "ФГБУ", "Federal State Budgetary Institution", "Federalnoe Gosudarstvennoe Byudzhetnoe Uchrezhdenie",
		"Федеральное государственное бюджетное учреждение", "FGBOU", "ФГБОУ",
		"Federal State Budgetary Educational Institution", "FGBNU", "ФГБНУ", "Federal State Budgetary Scientific Institution",
		"FGAOU", "ФГАОУ", "Federal State Autonomous Educational Institution",
	}, nil},
	{"ANO", []string{"Autonomous Non-Profit Organization", "Avtonomnaya Nekommercheskaya Organizatsiya",
		"Автономная некоммерческая организация"}, []string{"ANO", "АНО"}},
	{"IP", []string{"Individual Entrepreneur", "Individualnyy Predprinimatel", "Индивидуальный предприниматель",
		"Sole Proprietorship", "Sole Proprietor"}, []string{"ИП", "IP", "ФОП", "FOP"}},
	{"LTD", []string{
		"Ltd", "Ltd.", "Limited", "Co. Ltd.", "Co., Ltd.", "Co Ltd", "Co.,Ltd", "Co. Limited", "Company Limited",
		"Company Ltd", "Limited Company", "Ltd. Co.", "Ltd Co", "Pvt. Ltd.", "Pvt Ltd", "Private Limited",
		"(Private) Limited", "(Pvt) Ltd", "Private Ltd", "Pvt. Limited", "Private Limited Company", "Pte. Ltd.",
		"Pte Ltd", "Private Limited Co", "Pty. Ltd.", "Pty Ltd", "Proprietary Limited", "Sdn. Bhd.", "Sdn Bhd",
		"Sendirian Berhad", "Ltd. Şti.", "Ltd Sti", "Limited Şirketi", "Limited Sirketi", "Ticaret Limited Şirketi",
		"Co. Pvt. Ltd.", "Company Private Limited", "有限公司", "유한회사",
	}, []string{"=(유)", "$Pvt", "$Pte", "$Pty", "$Sdn", "$Private",
		// Thailand's company limited, romanized: Borisat before the name, Chamkat after it
		"^Borisat", "$Chamkat"}},
	{"PLC", []string{
		"PLC", "P.L.C.", "Public Limited Company", "Public Company Limited", "Public Co. Ltd.", "Public Co., Ltd.",
		"Berhad", "Tbk", "Persero Tbk", "Public Ltd Co",
	}, []string{"$Bhd", "$PCL"}},
	{"INC", []string{"Inc", "Inc.", "Incorporated", "Incorporation"}, nil},
	{"PT", nil, []string{"^PT", "^P.T.", "Perseroan Terbatas"}},
	{"GMBH", []string{
		"GmbH", "G.m.b.H.", "gGmbH", "mbH", "Gesellschaft mit beschränkter Haftung", "Ges.m.b.H.", "GesmbH",
	}, nil},
	{"KG", []string{"GmbH & Co. KG", "GmbH & Co KG", "GmbH und Co. KG", "AG & Co. KG", "Kommanditgesellschaft"}, []string{"$KG"}},
	{"KGAA", []string{"KGaA", "Kommanditgesellschaft auf Aktien", "GmbH & Co. KGaA"}, nil},
	{"OHG", []string{"OHG", "Offene Handelsgesellschaft"}, nil},
	{"AG", []string{"Aktiengesellschaft"}, []string{"AG", "A.G."}},
	{"SA", []string{
		"S.A. de C.V.", "SA de CV", "S.A.B. de C.V.", "SAB de CV", "S.A.P.I. de C.V.",
		"Société Anonyme", "Sociedad Anónima", "Sociedade Anônima", "Sociedade Anónima", "Compañía Anónima",
		"Sociedad Anónima de Capital Variable", "Sociedad Anonima Cerrada", "Spółka Akcyjna", "Societate pe Actiuni",
		"Anonymi Etaireia", "Ανώνυμη Εταιρεία",
	}, []string{"SA", "S.A.", "$CA", "$C.A.", "$SACI", "$#S.A.C.", "$#S.A.L.", "$SAL", "$AE", "$Α.Ε.", "$ΑΕ", "$de C.V."}},
	{"SAS", []string{
		"S.A.S.U.", "SASU", "Société par Actions Simplifiée", "Société par Actions Simplifiée Unipersonnelle",
		"Sociedad por Acciones Simplificada",
	}, []string{"SAS", "S.A.S."}},
	{"SARL", []string{
		"SARL", "S.A.R.L.", "S. à r.l.", "Société à Responsabilité Limitée", "EURL", "E.U.R.L.",
		"Entreprise Unipersonnelle à Responsabilité Limitée", "SARLU",
	}, nil},
	{"SRL", []string{
		"S.R.L.", "SRL", "S.r.l.", "Società a Responsabilità Limitata", "Societate cu Răspundere Limitată",
		"Sociedad de Responsabilidad Limitada", "S. de R.L.", "S. de R.L. de C.V.", "S de RL de CV", "SRLS", "de R.L. de C.V.",
		"Sociedad Comercial de Responsabilidad Limitada", "S.C.R.L.", "SCRL",
	}, nil},
	{"SL", []string{"Sociedad Limitada", "S.L.U.", "SLU", "Sociedad Limitada Unipersonal", "S.L.N.E."}, []string{"SL", "S.L."}},
	{"SPA", []string{"Società per Azioni"}, []string{"SpA", "S.p.A."}},
	{"LTDA", []string{"Ltda", "Ltda.", "Limitada", "EIRELI", "Empresa Individual de Responsabilidade Limitada"}, nil},
	{"SENC", []string{
		"S. en C.", "S. en C.S.", "S. en C. por A.", "S. en N.C.", "Sociedad en Comandita", "Sociedad en Comandita Simple",
		"Sociedad en Comandita por Acciones", "Société en Commandite",
	}, []string{"$S.C.S.", "$SCS", "$SCA", "$S.C.A."}},
	{"BV", []string{"Besloten Vennootschap", "BVBA", "B.V.B.A."}, []string{"BV", "B.V."}},
	{"NV", []string{"Naamloze Vennootschap"}, []string{"NV", "N.V."}},
	{"AB", []string{"Aktiebolag", "Aktiebolaget", "AB (publ)"}, []string{"AB", "$publ"}},
	{"AS", []string{
		"Aksjeselskap", "Aksjeselskab", "Aktieselskab", "Allmennaksjeselskap", "Anonim Şirketi",
		"Anonim Sirketi", "Ticaret Anonim Şirketi", "Sanayi ve Ticaret Anonim Şirketi", "akciová společnost",
		"Aktsiaselts",
	}, []string{"AS", "a.s.", "A/S", "A.Ş.", "ASA"}},
	{"OY", []string{"Osakeyhtiö", "Oyj", "Julkinen osakeyhtiö"}, []string{"Oy", "Ab Oy", "Oy Ab"}},
	{"APS", []string{"ApS", "Anpartsselskab", "Iværksætterselskab"}, []string{"$IVS"}},
	{"KFT", []string{"Kft", "Kft.", "Korlátolt Felelősségű Társaság", "Zrt", "Zrt.", "Nyrt", "Nyrt."}, nil},
	{"FZE", []string{"FZE", "Free Zone Establishment", "FZCO", "FZ Co", "Free Zone Company", "FZC"}, nil},
	{"KK", []string{"Kabushiki Kaisha", "Kabushiki Gaisha", "株式会社", "㍿"}, []string{"KK", "K.K.", "=(株)", "=㈱"}},
	{"YK", []string{"Yugen Kaisha", "有限会社"}, []string{"=(有)", "=㈲"}},
	{"GK", []string{"Godo Kaisha", "合同会社"}, nil},
	{"SE", []string{"Societas Europaea"}, nil},
}

// markerTable is list wording that separates names: "a.k.a." and the like.
// The short ones count only when written as an initialism ("a.k.a.",
// "d/b/a") or in lower case, so a company called "AKA" keeps its name.
var markerTable = []string{
	"a.k.a.", "f.k.a.", "n.k.a.", "d.b.a.", "d/b/a", "f/k/a", "also known as", "formerly known as",
	"previously known as", "now known as", "doing business as", "trading as", "formerly", "previously",
	"also trading as", "alias",
}

// suffixTable is list wording dropped from names.
var suffixTable = []string{
	"and any successor, sub-unit, or subsidiary thereof",
	"and any successors, sub-units, or subsidiaries thereof",
	"and any successor, sub-unit or subsidiary thereof",
	"and any successor, subunit, or subsidiary thereof",
	"including any successor, sub-unit, or subsidiary thereof",
	"and all successors, sub-units, or subsidiaries thereof",
	"and its sub-units and successors",
	"and its subunits and successors",
	"including its sub-units and successors",
}
