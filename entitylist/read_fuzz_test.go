package entitylist_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/entityscreen/entityscreen/entitylist"
)

// FuzzRead checks Read, the reader that detects the format, on input in
// any of its formats: the invariant of every loader (checkLoad), and a
// list it reads is the list the reader of the format it detected reads
// from the same bytes, equal in every field (version, entries, warnings):
// detection chooses a reader, it changes nothing of what is read.
func FuzzRead(f *testing.F) {
	addFixtureSeeds(f, "official.csv", "official.json", "inhouse.csv", "bom_crlf.csv", "not_csl.json")
	for _, p := range []string{filepath.Join("testdata", "un", "consolidated.xml"), filepath.Join("testdata", "sam", "exclusions.csv")} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("\xef\xbb\xbf\r\n\nname,aliases\nAcme;x,y\n"))
	f.Add([]byte("name,country\nAcme,de\n"))
	f.Add([]byte("SAM Number,Classification,Name\nS1,Firm,Acme\n"))
	f.Add([]byte(" \n<CONSOLIDATED_LIST/>"))
	f.Add([]byte("[]"))
	f.Add([]byte("\"_id\nx\",source,name\n1,EL,Acme\n"))
	readers := map[entitylist.Format]func(*bytes.Reader, string) (*entitylist.List, error){
		entitylist.FormatCSV:     func(r *bytes.Reader, o string) (*entitylist.List, error) { return entitylist.ReadCSV(r, o) },
		entitylist.FormatJSON:    func(r *bytes.Reader, o string) (*entitylist.List, error) { return entitylist.ReadJSON(r, o) },
		entitylist.FormatInHouse: func(r *bytes.Reader, o string) (*entitylist.List, error) { return entitylist.ReadInHouse(r, o) },
		entitylist.FormatUN:      func(r *bytes.Reader, o string) (*entitylist.List, error) { return entitylist.ReadUN(r, o) },
		entitylist.FormatSAM:     func(r *bytes.Reader, o string) (*entitylist.List, error) { return entitylist.ReadSAM(r, o) },
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := entitylist.Read(bytes.NewReader(data), "fuzz")
		checkLoad(t, l, err)
		if err != nil {
			return
		}
		format := l.Version().Format
		read, ok := readers[format]
		if !ok {
			t.Fatalf("Read gave a list of format %v", format)
		}
		direct, err := read(bytes.NewReader(data), "fuzz")
		if err != nil {
			t.Fatalf("Read reads it as %v; that format's reader fails: %v", format, err)
		}
		if !assert.ObjectsAreEqual(direct, l) {
			t.Fatalf("Read reads otherwise than the %v reader: %+v, %+v", format, l.Version(), direct.Version())
		}
	})
}
