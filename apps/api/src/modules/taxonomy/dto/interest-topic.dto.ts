import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/**
 * An optional list of up to 500 names (categories or tags) of at most 120
 * characters each; `message` answers any other shape. The checks are listed
 * bottom-up, the order stacked decorators apply in, so the messages keep their order.
 */
function NameList(message: string, example: string[]) {
  return applyDecorators(
    MaxLength(120, { each: true }),
    IsString({ each: true, message }),
    ArrayMaxSize(500),
    IsArray({ message }),
    IsOptional(),
    ApiPropertyOptional({ type: [String], example }),
  );
}

/** The mapping fields, validated the same way on create and on edit. */
class TopicMappingFields {
  @ApiPropertyOptional({ description: 'Interactions on this topic count toward car interest (default true)' })
  @IsOptional()
  @IsBoolean({ message: 'countsAsCar must be true or false' })
  countsAsCar?: boolean;

  @NameList('knowledgeCategories must be a list of category names', ['car-modification', 'motorsport'])
  knowledgeCategories?: string[];

  @NameList('knowledgeTags must be a list of tags', ['coilovers'])
  knowledgeTags?: string[];

  @NameList('partnerCategories must be a list of category names', ['suspension', 'exhaust'])
  partnerCategories?: string[];
}

export class CreateInterestTopicDto extends TopicMappingFields {
  @ApiProperty({ example: 'car-modification' })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case words joined by hyphens' })
  @MaxLength(60)
  slug!: string;

  @ApiProperty({ example: 'Car modification' })
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(120)
  name!: string;
}

export class UpdateInterestTopicDto extends TopicMappingFields {
  @ApiPropertyOptional({ example: 'Car modification' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(120)
  name?: string;
}
