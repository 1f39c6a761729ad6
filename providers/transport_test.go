package providers

import (
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"3", 3 * time.Second}, {"-3", 0}, {"abc", 0}, {"99999999", maxRetryAfter},
		{now.Add(10 * time.Second).Format(http1123), 10 * time.Second},
		{now.Add(-10 * time.Second).Format(http1123), 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := retryAfter(tt.in, now); got != tt.want {
				t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

const http1123 = "Mon, 02 Jan 2006 15:04:05 GMT"

func TestScrub(t *testing.T) {
	if got := Scrub("token abc123 in text abc123", "abc123"); got != "token *** in text ***" {
		t.Fatalf("Scrub = %q", got)
	}
	if got := Scrub("no token", ""); got != "no token" {
		t.Fatalf("Scrub with no token = %q", got)
	}
}
