package mapping

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestSpaceAtEndEveryRune checks spaceAtEnd's byte filter against
// unicode.IsSpace for every rune at the end of a text.
func TestSpaceAtEndEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		if got, want := spaceAtEnd("测"+string(r)), unicode.IsSpace(r); got != want {
			t.Fatalf("%U: spaceAtEnd %v, unicode.IsSpace %v", r, got, want)
		}
	}
}
