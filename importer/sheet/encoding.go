package sheet

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// encSniffBytes is how much of a file the encoding detection looks at.
const encSniffBytes = 64 << 10

// encChoice is the encoding a CSV file is decoded with.
type encChoice struct {
	name    string // utf-8, gb18030, utf-16le, utf-16be
	enc     encoding.Encoding
	guessed bool // detected without a BOM: a wrong guess is possible
}

var (
	encUTF8    = encChoice{name: "utf-8", enc: unicode.UTF8}
	encGB18030 = encChoice{name: "gb18030", enc: simplifiedchinese.GB18030}
	encUTF16LE = encChoice{name: "utf-16le", enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}
	encUTF16BE = encChoice{name: "utf-16be", enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}
)

// encByName resolves an --encoding value.
func encByName(name string) (encChoice, error) {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), "_", "-")) {
	case "utf-8", "utf8":
		return encUTF8, nil
	case "gb18030", "gbk", "gb2312", "cp936":
		return encGB18030, nil
	case "utf-16le", "utf16le":
		return encUTF16LE, nil
	case "utf-16be", "utf16be":
		return encUTF16BE, nil
	}
	return encChoice{}, fmt.Errorf("unknown encoding %q: use utf-8, gb18030 (gbk), utf-16le or utf-16be", name)
}

// encDetect picks the encoding from a file's first bytes: a BOM, else
// valid UTF-8 (a character cut at the end of the sample allowed), else
// GB18030. full reports whether head is the whole file.
func encDetect(head []byte, full bool) encChoice {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return encUTF8
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return encUTF16LE
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return encUTF16BE
	}
	if !full {
		head = encCutPartialRune(head)
	}
	c := encGB18030
	if utf8.Valid(head) {
		c = encUTF8
	}
	c.guessed = true
	return c
}

// encCutPartialRune drops an incomplete UTF-8 sequence at the end of b.
func encCutPartialRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return b // ASCII: nothing cut
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		}
	}
	return b
}

// encDecoder returns the decoder for c; a BOM, if any, overrides it and is
// removed.
func encDecoder(c encChoice) *encoding.Decoder {
	return &encoding.Decoder{Transformer: unicode.BOMOverride(c.enc.NewDecoder())}
}
