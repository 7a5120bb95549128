// Command crmhttp is a demo host CRM that embeds dealtrail over HTTP. It
// opens a SQLite file in a directory it names, seeds a small team once,
// and serves the dealtrailhttp API under /crm/dealtrail/:
//
//	go run ./examples/crmhttp                 # serves on 127.0.0.1:8080
//	go run ./examples/crmhttp -dir ./demo     # keep the data in ./demo
//	go run ./examples/crmhttp -reset          # start over with fresh data
//
// Requests name the acting member in the X-Demo-Member header, read by a
// STAND-IN for the host's authentication (see auth.go). It is not for
// production: any client can claim to be anyone.
//
// See README.md in this directory for curl examples.
package main
