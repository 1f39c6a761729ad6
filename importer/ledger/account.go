package ledger

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/idna"
)

// Account is one account of a provider: what the ledger's keys and claims
// are made for. Its Namespace is provider + " account:" + Name.
type Account struct {
	// Provider is the provider's name, lower case.
	Provider string
	// Name is the account's name: the --account given, else the canonical
	// host of the base URL (CanonicalHost).
	Name string
	// Host is the canonical host of the base URL the run sends to.
	Host string
}

// NewAccount returns the account of provider at baseURL, named name (lower
// case, trimmed) or, when name is blank, after the canonical host of
// baseURL. baseURL may be blank when name is given.
func NewAccount(provider, name, baseURL string) (Account, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	host, err := CanonicalHost(baseURL)
	if err != nil && (name == "" || strings.TrimSpace(baseURL) != "") {
		return Account{}, err
	}
	a := Account{Provider: strings.ToLower(strings.TrimSpace(provider)), Name: name, Host: host}
	if a.Name == "" {
		a.Name = host
	}
	if strings.ContainsAny(a.Name, " \t\r\n") {
		return Account{}, fmt.Errorf("account name %q must not contain spaces", name)
	}
	return a, nil
}

// accountPrefix starts the account part of a namespace written since
// accounts have names; a namespace of an older ledger holds a URL there.
const accountPrefix = "account:"

// Namespace names the account in keys and claims.
func (a Account) Namespace() string { return a.Provider + " " + accountPrefix + a.Name }

// idnaProfile maps a host name the way a browser looks it up (full-width
// and upper-case letters mapped, Unicode labels to punycode) without
// refusing names DNS allows in practice (underscores).
var idnaProfile = idna.New(idna.MapForLookup(), idna.StrictDomainName(false), idna.Transitional(false))

// CanonicalHost returns the account part of a base URL: its host, lower
// case, internationalised names in their ASCII (punycode) form, a trailing
// dot dropped, every loopback address (127.0.0.1, ::1, localhost) as
// "localhost", and the port unless it is 80 or 443. The scheme, user,
// path, query and fragment are ignored, so http://Shop.example.com,
// https://shop.example.com:443/api/ and shop.example.com are one account.
func CanonicalHost(baseURL string) (string, error) {
	s := strings.TrimSpace(baseURL)
	if s == "" {
		return "", errors.New("no base URL: the account cannot be named (give --base-url or --account)")
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("base URL %q: no host to name the account by", baseURL)
	}
	host, port := u.Hostname(), u.Port()
	host = canonicalHostName(host)
	if port == "80" || port == "443" {
		port = ""
	}
	if port == "" {
		if strings.Contains(host, ":") {
			return "[" + host + "]", nil
		}
		return host, nil
	}
	return net.JoinHostPort(host, port), nil
}

// canonicalHostName is CanonicalHost's host part without the port.
func canonicalHostName(host string) string {
	host = strings.TrimSuffix(host, ".")
	if ip, err := netip.ParseAddr(strings.Split(host, "%")[0]); err == nil {
		ip = ip.Unmap()
		if ip.IsLoopback() {
			return "localhost"
		}
		return ip.String()
	}
	if a, err := idnaProfile.ToASCII(host); err == nil {
		host = a
	}
	host = strings.ToLower(host)
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return "localhost"
	}
	return host
}

// Spellings is what the ledger knows of the run's account under other
// names.
type Spellings struct {
	// Legacy are the namespaces of a ledger written before accounts had
	// names (the provider and the base URL as typed) whose host is the
	// account's: their rows are the account's, found under their old keys.
	Legacy []string
	// Others names the provider's other accounts the ledger knows rows of
	// (a name, or the canonical host of an old namespace's URL).
	Others []string
}

// UseAccount registers a with the ledger (and as the account of this
// process's run) and returns what the ledger knows of the account's
// provider under other names.
func (l *Ledger) UseAccount(ctx context.Context, a Account) (Spellings, error) {
	if _, err := l.db.ExecContext(ctx, `INSERT OR IGNORE INTO accounts(ns) VALUES (?)`, a.Namespace()); err != nil {
		return Spellings{}, fmt.Errorf("ledger: registering account %s: %w", a.Name, err)
	}
	if err := l.noteAccount(ctx, a); err != nil {
		return Spellings{}, err
	}
	return l.Spellings(ctx, a)
}

// Spellings returns what the ledger knows of a's provider under other
// names than a's, writing nothing (a reader of the ledger, such as
// "orderimport track", registers no account).
func (l *Ledger) Spellings(ctx context.Context, a Account) (Spellings, error) {
	rs, err := l.r.QueryContext(ctx, `SELECT ns FROM accounts ORDER BY ns`)
	if err != nil {
		return Spellings{}, fmt.Errorf("ledger: reading the accounts: %w", err)
	}
	defer rs.Close()
	var sp Spellings
	for rs.Next() {
		var ns string
		if err := rs.Scan(&ns); err != nil {
			return Spellings{}, fmt.Errorf("ledger: reading the accounts: %w", err)
		}
		provider, rest, _ := strings.Cut(ns, " ")
		if provider != a.Provider || ns == a.Namespace() {
			continue
		}
		name, named := strings.CutPrefix(rest, accountPrefix)
		if !named {
			host, err := CanonicalHost(rest)
			if err != nil {
				continue
			}
			if host == a.Host {
				sp.Legacy = append(sp.Legacy, ns)
				continue
			}
			name = host
		}
		if name != a.Name && !slices.Contains(sp.Others, name) {
			sp.Others = append(sp.Others, name)
		}
	}
	return sp, rs.Err()
}
