import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The mapping fields, validated the same way on create and on edit. */
class TopicMappingFields {
  @ApiPropertyOptional({ description: 'Interactions on this topic count toward car interest (default true)' })
  @IsOptional()
  @IsBoolean({ message: 'countsAsCar must be true or false' })
  countsAsCar?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['car-modification', 'motorsport'] })
  @IsOptional()
  @IsArray({ message: 'knowledgeCategories must be a list of category names' })
  @ArrayMaxSize(500)
  @IsString({ each: true, message: 'knowledgeCategories must be a list of category names' })
  @MaxLength(120, { each: true })
  knowledgeCategories?: string[];

  @ApiPropertyOptional({ type: [String], example: ['coilovers'] })
  @IsOptional()
  @IsArray({ message: 'knowledgeTags must be a list of tags' })
  @ArrayMaxSize(500)
  @IsString({ each: true, message: 'knowledgeTags must be a list of tags' })
  @MaxLength(120, { each: true })
  knowledgeTags?: string[];

  @ApiPropertyOptional({ type: [String], example: ['suspension', 'exhaust'] })
  @IsOptional()
  @IsArray({ message: 'partnerCategories must be a list of category names' })
  @ArrayMaxSize(500)
  @IsString({ each: true, message: 'partnerCategories must be a list of category names' })
  @MaxLength(120, { each: true })
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
