#!/usr/bin/env python3
"""Median time of refused sign-ins for existing and unknown addresses (issue 15, item 2).

Start the app in Development on a fresh database with a high sign-in limit, then run this script:
  ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Clinic="Data Source=/tmp/measure.db" LoginThrottle__PermitLimit=100000 \
    dotnet run --project src/MicroNeedling.Web --no-launch-profile --urls http://127.0.0.1:5099
  python3 tools/login-timing.py
It posts 60 wrong passwords to seeded accounts (clinician02..09@demo.clinic) and 60 to unknown addresses, and prints
the medians (first five of each dropped as warm-up) and the distinct error messages."""
import urllib.request, urllib.parse, http.cookiejar, re, time, statistics, uuid
BASE = "http://127.0.0.1:5099"
def attempt(email):
    jar=http.cookiejar.CookieJar()
    op=urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html=op.open(BASE+"/Account/Login").read().decode()
    token=re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"',html) or re.search(r'value="([^"]+)" name="__RequestVerificationToken"',html) or re.search(r'__RequestVerificationToken"[^>]*value="([^"]+)"',html)
    data=urllib.parse.urlencode({"Input.Email":email,"Input.Password":"wrong-password-123","__RequestVerificationToken":token.group(1)}).encode()
    t=time.perf_counter(); r=op.open(BASE+"/Account/Login",data); body=r.read().decode(); dt=(time.perf_counter()-t)*1000
    msg=re.search(r'class="error-summary[^>]*>(.*?)</div>',body,re.S)
    return dt, re.sub(r'<[^>]+>','',msg.group(1)).strip() if msg else ""
known=[f"clinician0{i}@demo.clinic" for i in range(2,10)]
res={"known":[], "unknown":[]}
msgs=set()
for i in range(60):
    for kind in ("known","unknown"):
        email=known[i%len(known)] if kind=="known" else f"nobody-{uuid.uuid4().hex[:8]}@demo.clinic"
        dt,msg=attempt(email); res[kind].append(dt); msgs.add(msg)
for k,v in res.items():
    v=v[5:]
    print(k, "n=",len(v), "median %.1f ms"%statistics.median(v), "p90 %.1f"%sorted(v)[int(len(v)*0.9)])
print("distinct messages:", len(msgs)); print(msgs)
