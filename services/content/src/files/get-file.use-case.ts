import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Caller, FileContentView } from '@portail/contracts';
import { NewsItem } from '../news/news-item.entity';
import { AudienceReader } from '../publishing/audience';
import { isEditorOf } from '../publishing/editor-access';
import { visibilityOf, wherePublishedNow } from '../publishing/visibility';
import { Tile } from '../tiles/tile.entity';
import { ContentFile } from './content-file.entity';
import { toFileView } from './file-view';
import { FileNotFoundException } from './file.exception';

/**
 * A file with its bytes, for the gateway to serve with its content type. Editors of its
 * organisation read any of its files; anyone else only a file that content they may see uses
 * (as a news image, a tile attachment or a link in a body): the image of a draft, or the
 * attachment of news reserved to other families, is "not found", as if it did not exist.
 */
@Injectable()
export class GetFile {
  constructor(
    @InjectRepository(ContentFile) private readonly files: Repository<ContentFile>,
    @InjectRepository(NewsItem) private readonly news: Repository<NewsItem>,
    @InjectRepository(Tile) private readonly tiles: Repository<Tile>,
    private readonly audience: AudienceReader,
  ) {}

  async execute(caller: Caller | undefined, id: string): Promise<FileContentView> {
    const file = await this.files
      .createQueryBuilder('file')
      .addSelect('file.data')
      .where('file.id = :id', { id })
      .getOne();
    if (!file || !(await this.isReadableBy(caller, file))) throw new FileNotFoundException(id);
    return { ...toFileView(file), contentBase64: file.data.toString('base64') };
  }

  private async isReadableBy(caller: Caller | undefined, file: ContentFile): Promise<boolean> {
    if (isEditorOf(caller, file.organisationId)) return true;
    // tiles have no audience: published is public (checked first, it needs no call to identity)
    const inTile = await this.tiles
      .createQueryBuilder('tile')
      .where("tile.status = 'published'")
      .andWhere('tile.organisation_id = :organisationId', { organisationId: file.organisationId })
      .andWhere(
        `(tile.blocks -> 'attachments' @> jsonb_build_array(jsonb_build_object('fileId', CAST(:fileIdText AS text)))
          OR strpos(tile.body_markdown, CAST(:fileIdText AS text)) > 0)`,
        { fileIdText: file.id },
      )
      .getExists();
    if (inTile) return true;
    return wherePublishedNow(
      this.news
        .createQueryBuilder('news')
        .where('news.organisation_id = :organisationId', { organisationId: file.organisationId })
        .andWhere(
          '(news.image_id = :fileId OR strpos(news.body_markdown, CAST(:fileIdText AS text)) > 0)',
          { fileId: file.id, fileIdText: file.id },
        ),
      'news',
      await visibilityOf(caller, this.audience),
    ).getExists();
  }
}
