#!/usr/bin/env python3
# Writes src/MicroNeedling.Web/Infrastructure/CommonPasswords.txt: python3 tools/common-passwords.py > src/MicroNeedling.Web/Infrastructure/CommonPasswords.txt
# Base words: well-known entries of public "most common passwords" rankings, plus clinic-flavoured words.
base = """
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123 football monkey
letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321 superman 1qaz2wsx 7777777
121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster soccer harley batman andrew
tigger sunshine iloveyou 2000 charlie robert thomas hockey ranger daniel starwars klaster 112233 george computer michelle
jessica pepper 1111 zxcvbn 555555 11111111 131313 freedom 777777 pass maggie 159753 aaaaaa ginger princess joshua
cheese amanda summer love ashley nicole chelsea biteme matthew access yankees 987654321 dallas austin thunder taylor
matrix mobilemail mom monitor monitoring montana moon moscow welcome welcome1 admin administrator passw0rd p@ssw0rd
p@ssword password1 password123 qwerty123 qwerty1 abcdef abcdefg abcd1234 aa123456 iloveu letmein1 secret secret1
login hello hello123 whatever flower lovely loveme hottie angel angel1 babygirl blink182 butterfly samsung family
friends jesus liverpool arsenal manchester chocolate anthony william justin daniel1 purple orange banana apple
cookie coffee diamond silver golden tennis golf hannah lauren sophie emily olivia jasmine rainbow spider snoopy
scooter secret123 test test123 testing guest user root changeme default qwe123 zaq12wsx 1q2w3e4r 1q2w3e 1q2w3e4r5t
q1w2e3r4 q1w2e3r4t5 asdf asdfasdf asdfghjkl zxcv 147258369 123654 100200 1029384756 0987654321 999999 888888 222222
333333 444444 a1b2c3 abc123456 passpass pass123 pass1234 mypassword newpassword password12 password1234 football1
baseball1 iloveyou1 iloveyou2 monkey1 dragon1 master1 sunshine1 princess1 shadow1 superman1 michael1 jordan23
summer2024 summer2025 winter spring autumn january february march april may june july august september october
november december monday friday sunday london paris berlin newyork england america canada australia
clinic doctor nurse patient health healthcare medical medicine hospital beauty skin skincare derma dermatology
collagen needle microneedling aesthetic aesthetics facial wellness reception frontdesk clinician
letmein12345 qwertyuiop12 123456789012 iloveyou1234 password1234 qwertyuiopas 1qaz2wsx3edc 1qaz2wsx3edc4rfv
asdfghjkl123 zxcvbnm12345 qazwsxedcrfv 1q2w3e4r5t6y qwerty123456 abcdefghijkl abc123abc123 passwordpassword
iloveyouiloveyou 0123456789ab 111111111111 000000000000 123123123123 121212121212 123412341234 987654321012
aaaaaaaaaaaa 1234567890123 12345678910 1234567891011 123456123456 qweasdzxc123 trustno1trustno1 correcthorse
correcthorsebatterystaple letmeinletmein welcomewelcome changemechangeme adminadmin123 administrator1
""".split()

years = ["2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027"]
suffixes = ["1234", "12345", "123456", "1234567", "12345678", "123", "1", "!", "!!", "1!", "123!", "1234!", "2", "12", "01", "007", "69", "99", "00"] + years + [y + "!" for y in years]

def variants(word):
    yield word
    yield word.capitalize()
    for s in suffixes:
        yield word + s
        yield word.capitalize() + s

seen = set()
out = []
for w in base:
    for v in variants(w):
        key = v.lower()
        # Only 12+ character entries can ever reach this check after the length rule, except the base words, which the
        # validator also uses for "common word plus digits or symbols".
        if (len(v) >= 12 or v == w) and key not in seen:
            seen.add(key)
            out.append(key)

print("# Common passwords refused for staff accounts (ASVS 2.1.7). One per line, compared without regard to case.")
print("# Short entries are common base words: the validator also refuses them followed only by digits or symbols")
print("# (\"password2026!\"). Longer entries are well-known 12+ character passwords and variants of the base words.")
for v in sorted(out):
    print(v)
