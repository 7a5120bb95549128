//go:build ignore

// Command main writes enumgen's output into the package in the current
// directory. salesrec runs it through go generate:
//
//	go run ./internal/enumgen/main.go
package main

import (
	"log"
	"os"

	"github.com/dealtrail/dealtrail/salesrec/internal/enumgen"
)

func main() {
	src, err := enumgen.Generate(os.DirFS("."))
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(enumgen.Output, src, 0o644); err != nil {
		log.Fatal(err)
	}
}
