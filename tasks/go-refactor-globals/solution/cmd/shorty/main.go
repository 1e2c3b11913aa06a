// Command shorty serves the URL shortener on :8000.
package main

import (
	"log"
	"net/http"
	"os"

	"example.com/shorty/shorty"
)

func main() {
	base := "http://sho.rt/"
	if b := os.Getenv("SHORTY_BASE"); b != "" {
		base = b
	}
	log.Fatal(http.ListenAndServe(":8000", shorty.New(base)))
}
