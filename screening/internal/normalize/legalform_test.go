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
				f := strings.TrimLeft(e, "^$#")
				var ins []string
				if e[0] != '^' {
					ins = append(ins, "Zorbix "+f, "Quxley, Zorbix, "+f)
				}
				if e[0] != '$' {
					ins = append(ins, f+" Zorbix", "("+f+") Zorbix")
				}
				for _, in := range ins {
					n, err := Normalize(in)
					require.NoError(t, err, in)
					assert.Equal(t, string(row.class), classes(n), in)
					assert.NotContains(t, n.Keys(), " "+strings.ToLower(f), in)
				}
				n, err := Normalize("Zorbix " + f + " Quxley")
				require.NoError(t, err, f)
				assert.Empty(t, n.LegalForms, "%s in the middle", f)
				n, err = Normalize(f)
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
		t.Run(tt.in, func(t *testing.T) {
			n, err := Normalize(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.class, classes(n))
			assert.Equal(t, tt.keys, n.Keys())
		})
	}
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
