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

n = 0
for name in pairs:
    n += 1
    base, after, exp = pairs[name]
    d = R + '%02d-%s' % (n, name)
    os.makedirs(d, exist_ok=True)
    open(d + '/base', 'w').write('pages/%s.txt\n' % base)
    open(d + '/after.txt', 'w').write(after)
    open(d + '/expected.txt', 'w').write(exp + ('\n' if exp else ''))
print(n, 'pairs')
