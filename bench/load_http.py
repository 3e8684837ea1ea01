"""A browser's minimum for bench/load.py: cookies, CSRF, forms read from the page (stdlib only)."""

import http.client
import time
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit


class Form:
    """A form of a page: where it posts, and the name/value pairs a browser would send."""

    def __init__(self, attrs: dict) -> None:
        self.id = attrs.get("id") or ""
        self.action = attrs.get("action") or ""
        self.method = (attrs.get("method") or "get").lower()
        self.fields: list[tuple[str, str]] = []
        self.buttons: list[tuple[str, str]] = []

    def data(self, button: tuple[str, str] | None = None, **changes: str) -> list[tuple[str, str]]:
        pairs = [(k, changes.pop(k) if k in changes else v) for k, v in self.fields]
        pairs += list(changes.items())
        return pairs + ([button] if button else [])

    def value(self, name: str) -> str | None:
        return next((v for k, v in self.fields if k == name), None)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.textarea: tuple[str, list[str]] | None = None
        self.select: tuple[str, list[tuple[str, bool]]] | None = None
        self.option: list | None = None

    def handle_starttag(self, tag, attrs_list):
        attrs = {k: (v if v is not None else "") for k, v in attrs_list}
        if tag == "form":
            self.form = Form(attrs)
            self.forms.append(self.form)
            return
        form = self.form
        if form is None or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "image", "button", "file", "reset"):
                if kind == "submit":
                    form.buttons.append((name, attrs.get("value", "")))
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            form.fields.append((name, attrs.get("value", default)))
        elif tag == "button" and name and attrs.get("type", "submit") == "submit":
            form.buttons.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = (name, [])
        elif tag == "select" and name:
            self.select = (name, [])
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "selected" in attrs, []]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1].append(data)
        if self.option is not None:
            self.option[2].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            text = "".join(self.textarea[1])
            self.form.fields.append((self.textarea[0], text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "option" and self.option is not None and self.select is not None:
            value, selected, text = self.option
            self.select[1].append((value if value is not None else "".join(text).strip(), selected))
            self.option = None
        elif tag == "select" and self.select is not None and self.form is not None:
            name, options = self.select
            chosen = [v for v, selected in options if selected] or [v for v, _s in options[:1]]
            self.form.fields.extend((name, v) for v in chosen)
            self.select = None


def forms_of(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


class Client:
    """One browser: its own cookies, over one connection reopened when the server closes it."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.origin = f"https://{host}:{port}"  # the app sees https through X-Forwarded-Proto
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(host, port, timeout=120)

    def request(self, method: str, path: str, data=None) -> tuple[int, dict, bytes, float]:
        """Send one request; (status, headers, body, milliseconds)."""
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Accept": "text/html",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                if attempt == 2:
                    raise
        elapsed = (time.perf_counter() - started) * 1000
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _eq, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, dict(response.getheaders()), payload, elapsed

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, data):
        return self.request("POST", path, data)

    def login(self, username: str, password: str) -> None:
        status, _h, body, _ms = self.get("/accounts/login/")
        form = next(f for f in forms_of(body.decode()) if f.method == "post")
        data = form.data(username=username, password=password)
        status, _headers, body, _ms = self.post("/accounts/login/", data)
        if status != 302:
            raise RuntimeError(f"login of {username} answered {status}: {body[:300]!r}")


def location_path(headers: dict) -> str:
    location = next((v for k, v in headers.items() if k.lower() == "location"), "")
    return urlsplit(location).path
