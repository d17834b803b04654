package monitor_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

// Reading the open alerts a page at a time: the key of a page's last
// alert is where the next page starts.
func ExampleStore_Alerts() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "monitor")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	st, err := monitor.OpenSQLite(ctx, filepath.Join(dir, "monitor.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()

	list, err := entitylist.ReadInHouse(strings.NewReader("name,aliases,country,id,notes\n"+
		"Volga Machinery Plant,,RU,L1,\nOrion Star Shipping,,AE,L2,\nKaspersky Labs Limited,,GB,L3,\n"), "in-house")
	if err != nil {
		log.Fatal(err)
	}
	s, err := screening.New(list)
	if err != nil {
		log.Fatal(err)
	}
	vendors := []monitor.Vendor{
		{ID: "V1", Query: screening.Query{Name: "Volga Machinery Plant OAO", Country: "RU"}},
		{ID: "V2", Query: screening.Query{Name: "Orion Star Shipping LLC"}},
		{ID: "V3", Query: screening.Query{Name: "Contoso Paper Supplies"}},
		{ID: "V4", Query: screening.Query{Name: "Kaspersky Labs Ltd", Country: "GB"}},
	}
	if _, err := st.Run(ctx, s, vendors, monitor.RunOptions{}); err != nil {
		log.Fatal(err)
	}

	f := monitor.AlertFilter{Limit: 2}
	for page := 1; ; page++ {
		alerts, err := st.Alerts(ctx, f)
		if err != nil {
			log.Fatal(err)
		}
		for _, a := range alerts {
			fmt.Printf("page %d: %s, %s\n", page, a.VendorID, a.Entry)
		}
		if len(alerts) < f.Limit {
			break
		}
		f.After = alerts[len(alerts)-1].Key()
	}
	// Output:
	// page 1: V1, INHOUSE L1
	// page 1: V2, INHOUSE L2
	// page 2: V4, INHOUSE L3
}
