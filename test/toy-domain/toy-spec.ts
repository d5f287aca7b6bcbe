// The toy domain's spec, as a contributor would write it by CONTRIBUTING.md's first step: a list that pages by
// cursor, a create, and a job-creating bulk endpoint. Shared schemas and responses come from specs/shared/.
export const TOY_SPEC = `openapi: 3.1.0
info:
  title: Toy
  version: 1.0.0
  description: A domain of widgets, made up to prove that a new domain needs only its spec.
  license:
    name: MIT
    identifier: MIT
servers:
  - url: https://{subdomain}.zendesk.com
    variables:
      subdomain:
        default: acme
security:
  - apiToken: []
  - oauth: []
  - basicPassword: []
tags:
  - name: Widgets
    description: Widgets of the toy domain.
components:
  securitySchemes:
    $ref: ../shared/security.yaml
  schemas:
    Widget:
      type: object
      required: [id, name]
      properties:
        id:
          type: integer
        name:
          type: string
    WidgetInput:
      type: object
      required: [name]
      properties:
        name:
          type: string
paths:
  /api/v2/widgets:
    get:
      operationId: ListWidgets
      summary: List widgets
      description: Every widget of the account, a cursor page at a time.
      tags: [Widgets]
      x-zenfetch-pagination:
        style: cursor
        items: widgets
      parameters:
        - $ref: ../shared/parameters.yaml#/CursorPageSize
        - $ref: ../shared/parameters.yaml#/CursorPageAfter
      responses:
        "200":
          description: A page of widgets.
          content:
            application/json:
              schema:
                type: object
                required: [widgets, meta, links]
                properties:
                  widgets:
                    type: array
                    items:
                      $ref: "#/components/schemas/Widget"
                  meta:
                    $ref: ../shared/schemas.yaml#/CursorMeta
                  links:
                    $ref: ../shared/schemas.yaml#/CursorLinks
        "401":
          $ref: ../shared/responses.yaml#/Unauthorized
        "429":
          $ref: ../shared/responses.yaml#/TooManyRequests
  /api/v2/widgets/create_many:
    post:
      operationId: CreateManyWidgets
      summary: Create many widgets
      description: Queues a job that creates up to 100 widgets.
      tags: [Widgets]
      x-zenfetch-bulk:
        helper: createMany
        items: widgets
        match: index
        idType: integer
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [widgets]
              properties:
                widgets:
                  type: array
                  maxItems: 100
                  items:
                    $ref: "#/components/schemas/WidgetInput"
      responses:
        "200":
          description: The job that creates them.
          content:
            application/json:
              schema:
                $ref: ../shared/schemas.yaml#/JobStatusResponse
        "401":
          $ref: ../shared/responses.yaml#/Unauthorized
        "422":
          $ref: ../shared/responses.yaml#/UnprocessableEntity
        "429":
          $ref: ../shared/responses.yaml#/TooManyRequests
`;
