package normalize

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLegalFormTable checks every row of the table: strong forms anywhere,
// edge forms only at the ends of a name, forms alone.
func TestLegalFormTable(t *testing.T) {
	rows := 0
	for _, row := range legalFormTable {
		t.Run(string(row.class), func(t *testing.T) {
			for _, f := range row.strong {
				rows++
				for _, in := range []string{"Zorbix " + f, f + " Zorbix", "Zorbix " + f + " Quxley"} {
					n, err := Normalize(in)
					require.NoError(t, err, in)
					assert.Equal(t, string(row.class), classes(n), in)
					assert.Equal(t, strings.Fields("zorbix quxley")[:len(n.Tokens)], strings.Fields(n.Keys()), in)
				}
				_, err := Normalize(f)
				assert.ErrorIs(t, err, ErrEmpty, f)
			}
			for _, e := range row.edge {
				rows++
				f := strings.TrimLeft(e, "^$#%=")
				var ins []string
				switch {
				case strings.Contains(e[:len(e)-len(f)], "="):
					ins = append(ins, "Zorbix ("+f+")", "("+f+") Zorbix", "Quxley, Zorbix, "+f)
				default:
					if e[0] != '^' {
						ins = append(ins, "Zorbix "+f, "Quxley, Zorbix, "+f)
					}
					if e[0] != '$' {
						ins = append(ins, f+" Zorbix", "("+f+") Zorbix")
					}
				}
				for _, in := range ins {
					n, err := Normalize(in)
					require.NoError(t, err, in)
					assert.Equal(t, string(row.class), classes(n), in)
					assert.NotContains(t, n.Keys(), " "+strings.ToLower(f), in)
				}
				if bare := strings.Trim(f, "()"); strings.Contains(e[:len(e)-len(f)], "=") {
					// A part of its own wherever it stands ("トヨタ(株)東京", and
					// an enclosed "㈱" always); the character not set off is a
					// word.
					for _, in := range []string{"Zorbix " + bare, "Zorbix " + bare + " Quxley"} {
						if bare == f {
							break
						}
						n, err := Normalize(in)
						require.NoError(t, err, in)
						assert.Empty(t, n.LegalForms, in)
					}
				} else {
					n, err := Normalize("Zorbix " + f + " Quxley")
					require.NoError(t, err, f)
					assert.Empty(t, n.LegalForms, "%s in the middle", f)
				}
				n, err := Normalize(f)
				require.NoError(t, err, "%s alone is a name", f)
				assert.NotEmpty(t, n.Tokens, f)
			}
		})
	}
	assert.Greater(t, rows, 300, "rows in the table")
}

func TestLegalFormClasses(t *testing.T) {
	tests := []struct {
		class string
		names []string
	}{
		{"LLC", []string{"Foo LLC", "Foo L.L.C.", "OOO Foo", "ООО Фу", "Foo Limited Liability Company", "TOV Foo", "ТОВ «Фу»",
			"Obshchestvo s Ogranichennoy Otvetstvennostyu Foo", "Obshchestvo s Ogranichennoi Otvetstvennostiu Foo",
			"Общество с ограниченной ответственностью «Фу»", "Foo d.o.o.", "Foo DOO", "Foo s.r.o.", "Foo Sp. z o.o.",
			"Foo EOOD", "Foo OOD", "Foo FZ-LLC", "Foo W.L.L."}},
		{"JSC", []string{"AO Foo", "АО Фу", "Foo JSC", "Joint Stock Company Foo", "Joint-Stock Company Foo",
			"Aktsionernoe Obshchestvo Foo", "Aktsionernoye Obshchestvo Foo", "Акционерное общество Фу", "Foo AD", "Foo a.d.",
			"AK Foo", "АК Фу", "Aktsionernaya Kompaniya Foo"}},
		{"CJSC", []string{"ZAO Foo", "ЗАО Фу", "Foo CJSC", "Closed Joint Stock Company Foo", "Closed Joint-Stock Company Foo",
			"Zakrytoe Aktsionernoe Obshchestvo Foo", "ПрАТ Фу"}},
		{"OJSC", []string{"OAO Foo", "ОАО Фу", "Foo OJSC", "Open Joint-Stock Company Foo", "Otkrytoe Aktsionernoe Obshchestvo Foo"}},
		{"PJSC", []string{"PAO Foo", "ПАО Фу", "Foo PJSC", "Public Joint Stock Company Foo", "Publichnoe Aktsionernoe Obshchestvo Foo",
			"Publichnoye Aktsionernoye Obshchestvo Foo"}},
		{"FGUP", []string{"FGUP Foo", "ФГУП Фу", "Federal State Unitary Enterprise Foo", "Federalnoe Gosudarstvennoe Unitarnoe Predpriyatie Foo"}},
		{"SUE", []string{"SUE Foo", "State Unitary Enterprise Foo", "ГУП Фу", "Foo State Enterprise"}},
		{"LTD", []string{"Foo Ltd", "Foo Ltd.", "Foo Limited", "Foo Co., Ltd.", "Foo Co.,Ltd", "Foo Company Limited", "Foo Pvt Ltd",
			"Foo (Private) Limited", "Foo (Pvt.) Ltd.", "Foo Pte. Ltd.", "Foo Pty Ltd", "Foo Sdn. Bhd.", "Foo Ltd. Şti.", "华为有限公司"}},
		{"LLP", []string{"Foo LLP", "ТОО Фу", "TOO Foo"}},
		{"INC", []string{"Foo Inc", "Foo, Inc.", "Foo Incorporated"}},
		{"PLC", []string{"Foo PLC", "Foo p.l.c.", "Foo Public Limited Company", "Foo Berhad", "Foo Bhd"}},
		{"GMBH", []string{"Foo GmbH", "Foo G.m.b.H.", "Foo Gesellschaft mit beschränkter Haftung"}},
		{"KG", []string{"Foo GmbH & Co. KG", "Foo GmbH und Co. KG", "Foo KG"}},
		{"AG", []string{"Foo AG", "AG Foo", "Foo Aktiengesellschaft"}},
		{"SA", []string{"Foo SA", "Foo S.A.", "Foo S.A. de C.V.", "Foo SA de CV", "Foo C.A.", "Foo Sociedad Anónima", "Foo Société Anonyme"}},
		{"SAS", []string{"Foo SAS", "Foo S.A.S.", "Foo S.A.S.U."}},
		{"SARL", []string{"Foo SARL", "Foo S.A.R.L.", "Foo EURL"}},
		{"SRL", []string{"Foo S.R.L.", "Foo S. de R.L.", "Foo S. de R.L. de C.V.", "Foo S.r.l."}},
		{"SL", []string{"Foo SL", "Foo S.L.", "Foo Sociedad Limitada"}},
		{"SPA", []string{"Foo S.p.A.", "Foo SpA"}},
		{"LTDA", []string{"Foo Ltda", "Foo Ltda.", "Foo Limitada"}},
		{"SENC", []string{"Foo S. en C.", "Foo S. en C.S."}},
		{"BV", []string{"Foo BV", "Foo B.V."}},
		{"NV", []string{"Foo NV", "Foo N.V."}},
		{"AB", []string{"AB Foo", "Foo AB", "Foo AB (publ)"}},
		{"AS", []string{"Foo AS", "Foo A/S", "Foo ASA", "Foo A.Ş.", "Foo a.s."}},
		{"OY", []string{"Foo Oy", "Foo Oyj"}},
		{"FZE", []string{"Foo FZE", "Foo FZCO"}},
		{"KK", []string{"Foo KK", "Foo K.K.", "Foo Kabushiki Kaisha", "株式会社東芝"}},
		{"PT", []string{"PT Foo"}},
	}
	for _, tt := range tests {
		t.Run(tt.class, func(t *testing.T) {
			for _, in := range tt.names {
				n, err := Normalize(in)
				require.NoError(t, err, in)
				assert.Equal(t, tt.class, classes(n), in)
				assert.Len(t, n.Tokens, 1, in)
				require.Len(t, n.LegalForms, 1, in)
				assert.Contains(t, in, n.LegalForms[0].Text, in)
			}
		})
	}
}

// TestThaiLegalForms checks Thai legal forms as the lists romanize them:
// a company limited is Borisat before its name and Chamkat after it.
func TestThaiLegalForms(t *testing.T) {
	tests := []struct{ in, class, keys string }{
		{"Borisat Zorbix Chamkat", "LTD LTD", "zorbix"},
		{"Hang Hun Suan Chamkat Zorbix Kalvesta", "LP", "zorbix kalvesta"},
		{"Zorbix Chamkat Kalvesta", "", "zorbix chamkat kalvesta"}, // only at the end
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) { normalizedAs(t, tt.in, tt.class, tt.keys) })
	}
}

// normalizedAs normalizes in, checks the classes of its legal forms and
// its keys, and returns the name.
func normalizedAs(t *testing.T, in, class, keys string) Name {
	t.Helper()
	n, err := Normalize(in)
	require.NoError(t, err)
	assert.Equal(t, class, classes(n))
	assert.Equal(t, keys, n.Keys())
	return n
}

func TestCompanyIsNotLegalForm(t *testing.T) {
	n, err := Normalize("Foo Company")
	require.NoError(t, err)
	assert.Empty(t, n.LegalForms)
	assert.Equal(t, "foo company", n.Keys())
	n, err = Normalize("Foo Company Limited")
	require.NoError(t, err)
	assert.Equal(t, "LTD", classes(n))
	assert.Equal(t, "Company Limited", n.LegalForms[0].Text)
}

// TestMoreLegalForms checks the Ukrainian, Baltic, Greek, Japanese and
// Korean forms: the Ukrainian АТ only written in Cyrillic (the Latin "AT"
// of "AT Kearney" is a word), the Japanese and Korean abbreviations in
// parentheses or enclosed (㈱, ㈜) only as a part of their own, and the
// short Latin forms of few letters only at the edges where lists write
// them.
func TestMoreLegalForms(t *testing.T) {
	tests := []struct{ in, class, keys string }{
		{"АТ Укрнафта", "JSC", "ukrnafta"},
		{"Укрнафта, АТ", "JSC", "ukrnafta"},
		{"АТ «Укрнафта»", "JSC", "ukrnafta"},
		{"AT Kearney", "", "at kearney"},
		{"A T Kearney", "", "at kearney"},
		{"Kearney AT", "", "kearney at"},
		{"ТзОВ Ромашка", "LLC", "romashka"},
		{"TzOV Romashka", "LLC", "romashka"},
		{"ТДВ Ромашка", "LLC", "romashka"},
		{"Товариство з додатковою відповідальністю Ромашка", "LLC", "romashka"},
		{"トヨタ㍿", "KK", "toyota"},
		{"㍿トヨタ", "KK", "toyota"},
		{"(株)トヨタ", "KK", "toyota"},
		{"トヨタ(株)", "KK", "toyota"},
		{"トヨタ（株）", "KK", "toyota"},
		{"㈱トヨタ", "KK", "toyota"},
		{"トヨタ㈱", "KK", "toyota"},
		{"Toyota (株)", "KK", "toyota"},
		{"(有)トヨタ", "YK", "toyota"},
		{"㈲トヨタ", "YK", "toyota"},
		{"(주)삼성", "JSC", "samseong"},
		{"㈜삼성", "JSC", "samseong"},
		{"삼성(주)", "JSC", "samseong"},
		{"(유)삼성", "LTD", "samseong"},
		{"한국주", "", "korea ju"},
		{"株", "", "zhu"},
		{"UAB Pella-Fjord", "CJSC", "pella fjord"},
		{"Swedbank UAB", "CJSC", "swedbank"},
		{"Uždaroji akcinė bendrovė Swedbank", "CJSC", "swedbank"},
		{"Chatextech SIA", "", "chatextech sia"},
		{"Sabiedrība ar ierobežotu atbildību Falcon", "LLC", "falcon"},
		{"Garantex Europe OÜ", "LLC", "garantex europe"},
		{"Garantex Europe OU", "LLC", "garantex europe"},
		{"Osaühing Garantex", "LLC", "garantex"},
		{"Ου Garantex", "", "ou garantex"},
		{"Κωνσταντίνου ΕΠΕ", "LLC", "konstantinou"},
		{"Κωνσταντίνου Ε.Π.Ε.", "LLC", "konstantinou"},
		{"Konstantinou EPE", "LLC", "konstantinou"},
		{"Κωνσταντίνου ΙΚΕ", "LLC", "konstantinou"},
		{"Konstantinou I.K.E.", "LLC", "konstantinou"},
		{"Εταιρεία Περιορισμένης Ευθύνης Κωνσταντίνου", "LLC", "konstantinou"},
		{"Ιδιωτική Κεφαλαιουχική Εταιρεία Κωνσταντίνου", "LLC", "konstantinou"},
		{"Lekki Epe Expressway", "", "lekki epe expressway"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n := normalizedAs(t, tt.in, tt.class, tt.keys)
			m, err := Normalize(n.Display)
			require.NoError(t, err)
			assert.Equal(t, keys(n), keys(m), "the Display normalizes to the same tokens")
		})
	}
}
