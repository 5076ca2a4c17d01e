import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { afterColon, counted, typographyFaults, withDe } from '@portail/contracts';

/**
 * Every French sentence the code can say (error messages, validation messages, e-mails,
 * notices) is read from the sources and checked for the common faults of French typography:
 * "(s)" plurals, a missing elision ("de envoyer"), "si il", a doubled word, a capital letter
 * after a colon. A template's substitutions become neutral placeholders; the sentences they
 * build at run time are checked by the helpers' own specs below and by the OpenAPI sweep.
 */

const ROOT = join(__dirname, '..', '..');

/** Looks French: an accented letter, a guillemet or a common French word. */
const FRENCH =
  /[éèêàâçùîôû«»’]|(?<!\p{L})(le|la|les|des|du|une|est|pas|doit|vous|votre|au|aux|ce|cette|choisissez)(?!\p{L})/iu;

function sourceFiles(): string[] {
  return execFileSync(
    'git',
    ['ls-files', 'services/*/src/**.ts', 'libs/*/src/**.ts', 'scripts/*.ts'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));
}

/** Log calls and thrown programming errors speak English to operators: not checked. */
function isInsideLogCall(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression)) {
      const method = parent.expression.name.text;
      if (['debug', 'info', 'warn', 'error', 'fatal', 'trace', 'log'].includes(method)) return true;
    }
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) return false;
  }
  return false;
}

function frenchStrings(file: string): Array<{ where: string; text: string }> {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const found: Array<{ where: string; text: string }> = [];
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    if (ts.isTemplateExpression(node)) {
      // Each substitution is a distinct placeholder, so that two of them never read as a doubled word.
      text =
        node.head.text +
        node.templateSpans.map((span, index) => `⟨${index}⟩${span.literal.text}`).join('');
    }
    if (
      text !== undefined &&
      text.includes(' ') &&
      FRENCH.test(text) &&
      !ts.isImportDeclaration(node.parent) &&
      !isInsideLogCall(node)
    ) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ where: `${file}:${line}`, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('French messages', () => {
  it('no French sentence of the sources has a common typography fault', () => {
    const strings = sourceFiles().flatMap(frenchStrings);
    // The scan must see the messages it is meant to check.
    expect(strings.length).toBeGreaterThan(1000);
    const faults = strings.flatMap(({ where, text }) =>
      typographyFaults(text).map((fault) => `${where} ${fault.fault}: …${fault.excerpt}…`),
    );
    expect(faults).toEqual([]);
  });

  describe('the checker', () => {
    it.each([
      ['Choisissez au moins 2 option(s).', 'plural-in-parentheses'],
      ['Impossible de envoyer la demande.', 'missing-elision'],
      ['Le délai de annulation est passé.', 'missing-elision'],
      ['Vérifiez si il reste des places.', 'si-il'],
      ['La demande demande une pièce.', 'doubled-word'],
      ['« Jours » : Choisissez au plus 2 options.', 'capital-after-colon'],
    ])('finds the fault in "%s"', (message, fault) => {
      expect(typographyFaults(message).map((found) => found.fault)).toContain(fault);
    });

    it.each([
      "Impossible d'envoyer la demande : elle est déjà envoyée.",
      'Le haut de la page, de huit à dix heures.',
      'Fermeture : Vichy Communauté, le 12 octobre.',
      'Le PAI : PAI alimentaire.',
      '« Jours » : choisissez au plus 2 options.',
      'Nous nous reverrons.',
    ])('accepts "%s"', (message) => {
      const faults = typographyFaults(message).filter((found) => found.fault !== 'doubled-word');
      expect(faults).toEqual([]);
    });

    it('reports a doubled word only where it is one', () => {
      expect(typographyFaults('la la')).toHaveLength(1);
      expect(typographyFaults('lala la')).toEqual([]);
    });
  });

  describe('the sentence builders', () => {
    it('elides "de" before a vowel or a mute h, not before an aspirated h', () => {
      expect(withDe('envoyer la demande')).toBe("d'envoyer la demande");
      expect(withDe('modifier la demande')).toBe('de modifier la demande');
      expect(withDe('habiller')).toBe("d'habiller");
      expect(withDe('hausser le ton')).toBe('de hausser le ton');
    });

    it('counts in French: 0 and 1 singular, then plural', () => {
      expect(counted(0, 'option')).toBe('0 option');
      expect(counted(1, 'option')).toBe('1 option');
      expect(counted(2, 'option')).toBe('2 options');
      expect(counted(3, 'partie')).toBe('3 parties');
    });

    it('lowers the first letter after a colon, except an acronym', () => {
      expect(afterColon('Choisissez une option.')).toBe('choisissez une option.');
      expect(afterColon('PAI obligatoire.')).toBe('PAI obligatoire.');
    });
  });
});
