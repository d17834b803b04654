module github.com/entityscreen/entityscreen

go 1.26

require (
	github.com/stretchr/testify v1.12.1 // indirect
	github.com/xrash/smetrics v0.0.0-20250705151800-55b8f293f342 // indirect
	golang.org/x/text v0.43.0 // indirect
)
