package web

import "testing"

// TestParseSize: --max-upload's forms.
func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"200MB", 200 << 20, true},
		{"200mb", 200 << 20, true},
		{"1GB", 1 << 30, true},
		{"1.5G", 3 << 29, true},
		{"512KB", 512 << 10, true},
		{"64MiB", 64 << 20, true},
		{"1048576", 1 << 20, true},
		{"10 MB", 10 << 20, true},
		{"0", 0, false},
		{"-5MB", 0, false},
		{"lots", 0, false},
		{"", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseSize(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("ParseSize(%q) = %d, %v; want %d, ok %v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

// TestSizeText: sizes as the page writes them.
func TestSizeText(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{200 << 20, "200 MB"},
		{1 << 30, "1 GB"},
		{3 << 29, "1.5 GB"},
		{4 << 10, "4 KB"},
		{100, "100 B"},
	}
	for _, tc := range tests {
		if got := sizeText(tc.n); got != tc.want {
			t.Errorf("sizeText(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
