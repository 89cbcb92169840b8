import { Controller, Header } from '@nestjs/common';
import { defineOperation, Operation, SITE_PAGE } from '../openapi/operation.js';
import { SITE_CSS, SITE_JS } from './site-assets.js';

const ASSET = { ...SITE_PAGE, method: 'get' } as const;
const CSS = defineOperation({ ...ASSET, path: '/assets/site.css', operationId: 'siteCss', summary: "The site's style sheet", success: { status: 200, description: 'CSS', contentType: 'text/css' } });
const JS = defineOperation({ ...ASSET, path: '/assets/site.js', operationId: 'siteJs', summary: "The site's script", success: { status: 200, description: 'JavaScript', contentType: 'text/javascript' } });

@Controller()
export class AssetsController {
  @Operation(CSS)
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  css(): string {
    return SITE_CSS;
  }

  @Operation(JS)
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  js(): string {
    return SITE_JS;
  }
}
