// Command shorty serves the URL shortener on :8000.
package main

import (
	"log"
	"net/http"
	"os"

	"example.com/shorty/shorty"
)

func main() {
	if base := os.Getenv("SHORTY_BASE"); base != "" {
		shorty.Configure(base)
	}
	log.Fatal(http.ListenAndServe(":8000", shorty.Handler()))
}
