#!/usr/bin/env python3
"""The revision pairs of tests/fixtures/regress, made from the three real
pages by the edits below; each with the changes a reader must be told.

    python3 tests/regress/make_pairs.py [FIXTURES]

writes FIXTURES/regress/NN-name/{base,after.txt,expected.txt}; score.sh
scores profdiff on them.
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else 'tests/fixtures'
P = ROOT + '/pages/'
R = ROOT + '/regress/'
def page(n): return open(P+n+'.txt').read()
def rep(s, old, new, count=1):
    assert old in s, old[:60]
    return s.replace(old, new, count)
pairs = {}
def pair(name, base, after, expected, bump=True):
    pairs[name] = (base, after, expected)

C, L, N = page('cambodia'), page('laos'), page('north-korea')
def bumpC(s): return rep(s, 'Last updated : January 20, 2026', 'Last updated : May 4, 2026')
def bumpN(s): return rep(s, 'Last updated : January 29, 2026', 'Last updated : May 4, 2026')

s = bumpC(C)
s = rep(s, 'integrity and confidentiality).[41]', 'integrity and confidentiality).[41]\n\nIn April 2026, the National Assembly adopted the Law on Personal Data Protection.[41]')
pair('law-adopted', 'cambodia', s, '''law.changed | Law on Personal Data Protection | status=draft>adopted
claim.added | In April 2026, the National Assembly adopted the Law on Personal Data Protection.''')

s = bumpC(C)
s = rep(s, "linked to the individual’s identity in the real world.[32]", "linked to the individual’s identity in the real world.[32] Sub-Decree No. 47 was repealed in August 2026 and replaced by the Law on Digital Identity.[32]")
pair('law-repealed', 'cambodia', s, '''law.changed | Sub-Decree No. 47 | status=unknown>repealed
law.added | Law on Digital Identity
claim.added | Sub-Decree No. 47 was repealed in August 2026''')

s = rep(L, 'except the 1954 and 1961 Statelessness Conventions, and the Refugee Convention. ', 'except the 1954 and 1961 Statelessness Conventions, and the Refugee Convention. In August 2026, Laos acceded to the 1951 Refugee Convention.[26] ')
pair('treaty-accession', 'laos', s, '''treaty.changed | REFUGEE-1951 | not-party>party
claim.added | In August 2026, Laos acceded to the 1951 Refugee Convention.''')

s = bumpN(N)
s = rep(s, '\n    1.^', '\n    Recent Developments\n\n    In February 2026, the Supreme People’s Assembly adopted a Law on Electronic Certificates.[27]\n\n    1.^')
pair('heading-added', 'north-korea', s, '''section.added | Recent Developments
claim.added | In February 2026, the Supreme People’s Assembly adopted
law.added | Law on Electronic Certificates | status=adopted''')

m = re.search(r'The Civil Registration System in Laos is integral[^\]]*\]', L)
sent = m.group(0)
s = rep(L, sent + ' ', '')
s = rep(s, 'other stakeholders.[34]', 'other stakeholders.[34] ' + sent)
pair('moved-in-section', 'laos', s, '''claim.moved | The Civil Registration System in Laos is integral | editorial=true''')

art = re.search(r'Article 159 of the Law on CRVSID[^\]]*\]', C).group(0)
s = rep(C, ' ' + art, '')
s = rep(s, "identity in the real world.[32]", "identity in the real world.[32] " + art)
pair('moved-across-sections', 'cambodia', s, '''claim.moved | Article 159 of the Law on CRVSID | editorial=false''')

s = bumpC(C)
s = rep(s, 'Cambodia has ratified ICCPR, ICESCR, CEDAW, CRC, CERD, and CAT.[44]', 'Cambodia has ratified ICCPR, ICESCR, CEDAW, CRC, CERD, CAT and CRPD.[44]')
pair('ratification-listed', 'cambodia', s, '''claim.reworded | Cambodia has ratified ICCPR, ICESCR, CEDAW, CRC, CERD, CAT and CRPD. | factual=true
treaty.added | CRPD | status=party''')

s = rep(L, 'Until 2022, the digital identification process was undertaken on an ad-hoc basis, without much consultation', 'Until 2022, the digital identification process was undertaken on an ad-hoc basis. There was not much consultation')
pair('split', 'laos', s, '''claim.split | Until 2022, the digital identification process was undertaken on an ad-hoc basis''')

s = rep(N, 'North Korea does not have any digital ID system in place. There is no information available', 'North Korea does not have any digital ID system in place, and there is no information available')
pair('merge', 'north-korea', s, '''claim.merged | North Korea does not have any digital ID system in place, and there is no information''')

s = bumpN(N)
s = rep(s, '    North Korea does not have a digital ID system. However,', '    North Korea has a digital ID system. However,')
pair('negation', 'north-korea', s, '''claim.reworded | North Korea has a digital ID system. | factual=true''')

s = rep(C, '\nDigital ID Overview\n', '\nDigital Identity Overview\n')
pair('section-renamed', 'cambodia', s, '''section.renamed | Digital Identity Overview''')

s = rep(L, 'https://seap.nationalityforall.org/region/regional-overview/southeast-asia/laos/', 'https://seap.nationalityforall.org/laos/')
pair('url-changed', 'laos', s, '''source.changed | Laos - Statelessness Encyclopedia Asia Pacific | url''')

s = rep(C, 'privacy protections for personal data.[37]', 'privacy protections for personal data.[38]')
pair('resourced', 'cambodia', s, '''claim.sources_changed | Apart from establishing an integrated identity ecosystem''')

# noise: footnotes renumbered (+100), markers and (n X) with them
def renumber(s):
    body, sep, notes = s.partition('\n    1.^')
    fix = lambda m: '[' + re.sub(r'\d+', lambda d: str(int(d.group(0)) + 100), m.group(1)) + ']'
    body = re.sub(r'\[([0-9][0-9,–\- ]*)\]', fix, body)
    notes = sep + notes
    notes = re.sub(r'(?m)^(\s*)(\d+)\.\^', lambda m: m.group(1) + str(int(m.group(2)) + 100) + '.^', notes)
    notes = re.sub(r'\(n (\d+)\)', lambda m: '(n ' + str(int(m.group(1)) + 100) + ')', notes)
    return body + notes
s = renumber(N)
assert '101.^' in s
pair('noise-renumbered', 'north-korea', s, '')

def rewrap(s):
    out = []
    for line in s.split('\n'):
        if len(line) > 100 and not line.lstrip().endswith('.^'):
            words, cur, lines = line.split(' '), '', []
            for w in words:
                if cur and len(cur) + 1 + len(w) > 72:
                    lines.append(cur); cur = w
                else:
                    cur = (cur + ' ' + w) if cur else w
            lines.append(cur)
            out.extend(lines)
        else:
            out.append(line)
    return '\n'.join(out)
s = rewrap(L).replace('‘', "'").replace('’', "'").replace('“', '"').replace('”', '"')
pair('noise-rewrapped-quotes', 'laos', s, '')

s = bumpC(C)
s = rep(s, 'integrity and confidentiality).[41]', 'integrity and confidentiality).[41] The government has not yet adopted a Law on Access to Information.[41]')
pair('law-not-adopted', 'cambodia', s, '''law.added | Law on Access to Information | status=unknown
claim.added | The government has not yet adopted a Law on Access to Information.''')

s = rep(L, 'except the Law on Electronic Data Protection (2017).[26]', 'except the Law on Electronic Data Protection (2017).[26] In March 2026, the National Assembly adopted amendments to the Law on Electronic Data Protection.[26]')
pair('law-amended', 'laos', s, '''law.changed | Law on Electronic Data Protection | status=in-force>amended
claim.added | In March 2026, the National Assembly adopted amendments''')

s = bumpC(C)
s = rep(s, 'Cambodia has ratified ICCPR, ICESCR, CEDAW, CRC, CERD, and CAT.[44]', 'Cambodia has ratified ICCPR, ICESCR, CEDAW, CRC, CERD, and CAT.[44] On 12 March 2026, Cambodia ratified the Convention on the Rights of Persons with Disabilities.[59]')
s = s.rstrip('\n') + '\n\n59.^\n\n ‘Cambodia Ratifies the CRPD’ (UN News, 13 March 2026) <https://news.un.org/en/story/2026/03/cambodia-crpd> accessed 20 March 2026.\n'
pair('treaty-ratified-dated', 'cambodia', s, """treaty.added | CRPD | status=party
claim.added | On 12 March 2026, Cambodia ratified the Convention on the Rights of Persons with Disabilities.
source.added | Cambodia Ratifies the CRPD""")

s = bumpN(N)
s = rep(s, '    North Korea does not have a digital ID system. However,', '    The Law on Personal Information Protection was adopted by the Supreme People’s Assembly in March 2026.[29] North Korea does not have a digital ID system. However,')
pair('law-passive-adopted', 'north-korea', s, """law.added | Law on Personal Information Protection | status=adopted
claim.added | The Law on Personal Information Protection was adopted""")

s = rep(L, ' There is also no definition of digital identity in the national laws or guidelines of Laos.', '')
pair('claim-removed', 'laos', s, """claim.removed | There is also no definition of digital identity""")

s = rep(C, 'The Cambodian government describes the current reforms as a ‘digital revolution’', 'The Cambodian government describes the current reforms as a ‘digitial revolution’')
pair('typo-fixed-back', 'cambodia', s, """claim.reworded | The Cambodian government describes the current reforms as a ‘digitial revolution’ | editorial=true""")

s = rep(C, 'integrity and confidentiality).[41]', 'integrity and confidentiality).\n\n[41]') if False else C
m = re.search(r'(In July 2025, Cambodia publicly released a draft comprehensive Law on Personal Data Protection[^\]]*\]) ', C)
s = rep(C, m.group(1) + ' ', m.group(1) + '\n\n') if m else C
pair('noise-paragraph-break', 'cambodia', s, '')

s = rep(C, '\nDesigned to Include?\n', '\nStatelessness Determination\n\nCambodia has no statelessness determination procedure, according to UNHCR.[53]\n\nDesigned to Include?\n')
pair('subsection-added', 'cambodia', s, """section.added | Law > Statelessness Determination
claim.added | Cambodia has no statelessness determination procedure""")

# Rewordings, each of one class, with the rule that decides it.
def bumpL(s): return 'Last updated : May 4, 2026\n\n' + s
s = bumpC(C)
s = rep(s, 'In July 2025, Cambodia publicly released', 'In June 2025, Cambodia publicly released')
pair('month-changed', 'cambodia', s, """claim.reworded | In June 2025, Cambodia publicly released | factual=true editorial=false class=factual why=month""")

s = bumpC(C)
s = rep(s, 'The draft contemplates a two-year implementation period', 'The draft contemplates a three-year implementation period')
pair('number-in-words', 'cambodia', s, """claim.reworded | The draft contemplates a three-year implementation period | class=factual why=number""")

s = bumpN(N)
s = rep(s, 'As a signatory to the CRC, North Korea has an obligation', 'As a party to the CRC, North Korea has an obligation')
pair('treaty-status-word', 'north-korea', s, """claim.reworded | As a party to the CRC, North Korea has an obligation | class=factual why=status""")

s = bumpC(C)
s = rep(s, 'for all Cambodian nationals aged 15 years and above', 'for most Cambodian nationals aged 15 years and above')
pair('quantity-word', 'cambodia', s, """claim.reworded | Cambodia is digitizing its civil registration | class=factual why=quantity""")

s = bumpC(C)
s = rep(s, 'Users must enroll and then use the application', 'Users may enroll and then use the application')
pair('modal', 'cambodia', s, """claim.reworded | Users may enroll and then use the application | class=factual why=modal""")

s = rep(L, 'by criminalising unauthorized access', 'by criminalizing unauthorized access')
pair('british-american', 'laos', s, """claim.reworded | Albeit in the last 17 years, the government has introduced | editorial=true class=editorial why=variant""")

s = rep(L, 'Up until 2020, Laos’s civil registration system was completely paper-based, However, it is now being digitized.', 'Until 2020, the civil registration system of Laos was entirely paper-based; it is now being digitized.')
pair('stylistic-rewrite', 'laos', s, """claim.reworded | Until 2020, the civil registration system of Laos was entirely paper-based | factual=false editorial=true class=editorial why=synonym""")

s = rep(L, 'The Code criminalizes the unauthorized disclosure', 'The Code punishes the unauthorized disclosure')
pair('plain-reworded', 'laos', s, """claim.reworded | The Code punishes the unauthorized disclosure | factual=false editorial=false class=reworded why=wording""")

b = rep(C, 'The draft contemplates a two-year implementation period after promulgation.', 'The draft contemplates a two-year implementation period after promulgation, and fines of up to 5 per cent of annual turnover.')
s = rep(C, 'The draft contemplates a two-year implementation period after promulgation.', 'The draft contemplates a two-year implementation period after promulgation, and fines of up to 5 percent of annual turnover.')
pair('per-cent', b, s, """claim.reworded | The draft contemplates a two-year implementation period after promulgation, and fines of up to 5 percent | editorial=true class=editorial why=per-cent""")

s = rep(N, 'In the DRPK’s submission of periodic reports', 'In the DPRK’s submission of periodic reports')
pair('name-typo-fixed', 'north-korea', s, """claim.reworded | In the DPRK’s submission of periodic reports | editorial=true class=editorial why=spelling""")

# Law events read whole from one sentence.
s = bumpL(L)
s = rep(s, 'except the Law on Electronic Data Protection (2017).[26]', 'except the Law on Electronic Data Protection (2017).[26] In September 2026, the National Assembly repealed the Law on Electronic Data Protection (2017) and replaced it with the Law on Personal Data Protection.[26]')
pair('law-repealed-replaced-it', 'laos', s, """law.changed | Law on Electronic Data Protection | status=in-force>repealed;date=>2026-09;replaced_by=>Law on Personal Data Protection
law.added | Law on Personal Data Protection | status=in-force
claim.added | In September 2026, the National Assembly repealed the Law on Electronic Data Protection""")

s = bumpN(N)
s = rep(s, 'as stipulated under the Law on Protection of State Secrets, adopted in 2023.[25]', 'as stipulated under the Law on Protection of State Secrets, adopted in 2023.[25] The Law on Protection of State Secrets was superseded by the Law on State Information Security in March 2026.[25]')
pair('law-superseded', 'north-korea', s, """law.changed | Law on Protection of State Secrets | status=in-force>repealed;date=2023>2026-03;replaced_by=>Law on State Information Security
law.added | Law on State Information Security | status=in-force
claim.added | The Law on Protection of State Secrets was superseded""")

s = bumpC(C)
s = rep(s, "linked to the individual’s identity in the real world.[32]", "linked to the individual’s identity in the real world.[32] In May 2026, the government repealed Sub-Decree No. 47 in favour of the Law on Digital Identity.[32]")
pair('law-in-favour-of', 'cambodia', s, """law.changed | Sub-Decree No. 47 | status=unknown>repealed;date=>2026-05;replaced_by=>Law on Digital Identity
law.added | Law on Digital Identity | status=in-force
claim.added | In May 2026, the government repealed Sub-Decree No. 47""")

# Treaty events.
s = bumpC(C)
s = rep(s, 'Cambodia has ratified ICCPR, ICESCR, CEDAW, CRC, CERD, and CAT.[44]', 'Cambodia has ratified ICCPR, ICESCR, CEDAW, CRC, CERD, and CAT.[44] In March 2026, Cambodia withdrew from the Convention against Torture.[44]')
pair('treaty-withdrawal', 'cambodia', s, """treaty.changed | CAT | party>withdrawn
claim.added | In March 2026, Cambodia withdrew from the Convention against Torture.""")

s = bumpN(N)
s = rep(s, 'North Korea has ratified the ICCPR, ICESCR, CRC, and CEDAW.[29]', 'North Korea has ratified the ICCPR, ICESCR, CRC, and CEDAW.[29] North Korea signed the CRPD in 2013 and ratified it in 2016.[29]')
pair('treaty-signed-then-ratified', 'north-korea', s, """treaty.added | CRPD | status=party
claim.added | North Korea signed the CRPD in 2013 and ratified it in 2016.""")

# Headings by their shape, with or without blank lines around them.
s = bumpN(N)
s = rep(s, 'and accountability into its systems.\n', 'and accountability into its systems.\n    Recent Developments\n\n    In February 2026, the Supreme People’s Assembly adopted a Law on Electronic Certificates.[27]\n')
pair('heading-after-paragraph', 'north-korea', s, """section.added | Recent Developments
claim.added | In February 2026, the Supreme People’s Assembly adopted
law.added | Law on Electronic Certificates | status=adopted""")

s = rep(C, '\nDesigned to Include?\n', '\nStatelessness Determination\nCambodia has no statelessness determination procedure, according to UNHCR.[53]\n\nDesigned to Include?\n')
pair('heading-before-paragraph', 'cambodia', s, """section.added | Law > Statelessness Determination
claim.added | Cambodia has no statelessness determination procedure""")

def rewrap_at(s, width):
    # paragraphs only: a heading or a subtitle is one line on a page
    out = []
    for line in s.split('\n'):
        if len(line) > 100 and not line.lstrip().endswith('.^'):
            indent = line[:len(line) - len(line.lstrip())]
            words, cur, lines = line.split(' '), '', []
            for w in words:
                if cur and len(cur) + 1 + len(w) > width:
                    lines.append(cur); cur = w
                else:
                    cur = (cur + ' ' + w) if cur else w
            lines.append(cur)
            out.extend(indent + l.lstrip() if i else l for i, l in enumerate(lines))
        else:
            out.append(line)
    return '\n'.join(out)
pair('noise-rewrapped-cambodia', 'cambodia', rewrap_at(C, 60), '')
pair('noise-rewrapped-north-korea', 'north-korea', rewrap_at(N, 45), '')

# A reservation: the status stays, the treaty changes.
s = bumpC(C)
s = rep(s, 'Cambodia has ratified ICCPR, ICESCR, CEDAW, CRC, CERD, and CAT.[44]', 'Cambodia has ratified ICCPR, ICESCR, CEDAW, CRC, CERD, and CAT.[44] In March 2026, Cambodia entered a reservation to Article 22 of the Convention on the Rights of the Child.[45]')
pair('treaty-reservation', 'cambodia', s, """treaty.changed | CRC | party>party
claim.added | In March 2026, Cambodia entered a reservation to Article 22""")

# A series of events in one sentence: the last says what the law is now.
s = bumpN(N)
s = rep(s, 'as stipulated under the Law on Protection of State Secrets, adopted in 2023.[25]', 'as stipulated under the Law on Protection of State Secrets, adopted in 2023 and amended in March 2026.[25]')
pair('law-adopted-then-amended', 'north-korea', s, """law.changed | Law on Protection of State Secrets | status=in-force>amended;date=2023>2026-03
claim.reworded | The government has enacted laws to prevent the leakage | class=factual why=number""")

n = 0
for name in pairs:
    n += 1
    base, after, exp = pairs[name]
    d = R + '%02d-%s' % (n, name)
    os.makedirs(d, exist_ok=True)
    if base in ('cambodia', 'laos', 'north-korea'):
        open(d + '/base', 'w').write('pages/%s.txt\n' % base)
    else:
        open(d + '/before.txt', 'w').write(base)
    open(d + '/after.txt', 'w').write(after)
    open(d + '/expected.txt', 'w').write(exp + ('\n' if exp else ''))
print(n, 'pairs')
