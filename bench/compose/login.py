#!/usr/bin/env python3
"""Logs in through the gateway's real OIDC code flow (Keycloak's login form, no forged tokens) and prints the
gateway's session cookie(s) as a Cookie header value, for wrk.

Usage: login.py PAGE_URL USER PASSWORD
"""
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

FORM_ACTION = re.compile(r'<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)
jar = {}  # one jar for both hosts: Keycloak marks its cookies Secure, which http.cookiejar would not send over http


def send(url, data=None):
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else {}
    if data is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        response = opener.open(request, timeout=15)
    except urllib.error.HTTPError as e:  # 3xx land here because redirects are not followed
        response = e
    for set_cookie in response.headers.get_all("Set-Cookie") or []:
        name, _, value = set_cookie.split(";", 1)[0].partition("=")
        if value.strip() and "max-age=0" not in set_cookie.lower():
            jar[name.strip()] = value.strip()
        else:
            jar.pop(name.strip(), None)
    return response


def follow(url, data=None):
    response = send(url, data)
    for _ in range(10):
        if response.status // 100 != 3:
            break
        url = urllib.parse.urljoin(url, response.headers["Location"])
        response = send(url)
    return url, response


def main():
    page, user, password = sys.argv[1:4]
    _, login = follow(page)
    action = FORM_ACTION.search(login.read().decode())
    if not action:
        sys.exit(f"no Keycloak login form at {page}")
    form = urllib.parse.urlencode({"username": user, "password": password, "credentialId": ""}).encode()
    landed, response = follow(action.group(1).replace("&amp;", "&"), form)
    session = "; ".join(f"{k}={v}" for k, v in jar.items() if k.startswith("q_session"))
    if response.status != 200 or not landed.startswith(page) or not session:
        sys.exit(f"login of {user} did not land on {page}: {response.status} {landed}")
    print(session)


main()
